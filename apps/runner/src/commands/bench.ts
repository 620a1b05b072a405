import { resolve } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import type { Command } from 'commander';
import type { Registry } from '@quadrant/train';
import { defaultQueueName, parseQueueTarget, type QueueTarget, redactUrl } from '../queue/queue-target.ts';
import { defaultWorkers } from '../suite/default-workers.ts';
import type { CellExecutor, SuiteRun } from '../suite/run-suite.ts';
import { parseShard, type Shard } from '../suite/shard.ts';
import type { CommandContext } from './command-context.ts';
import { collect, parseInteger } from './parse-flags.ts';

/** Flags shared by the commands that run suites. */
export interface SuiteFlags {
  out: string;
  workers: number;
  fresh?: boolean;
  plugin: string[];
  /** `bench --shard i/n`: this part of the suite only. */
  shard?: Shard;
  /** `bench --png`; `reproduce` always: a PNG beside each SVG figure of the report. */
  png?: boolean;
}

/** Adds the flags shared by `bench` and `reproduce`. */
export function withSuiteFlags(command: Command, defaultOut: string): Command {
  return command
    .option('--out <dir>', 'folder of results.jsonl and the report', defaultOut)
    .option('--workers <n>', 'worker threads, each with its own tfjs (default: one per core)', parseInteger('--workers', 1), defaultWorkers())
    .option('--fresh', 'start over instead of skipping cells already finished in the results file')
    .option('--plugin <module>', 'load a plugin module (repeatable)', collect, []);
}

/** Exit code of a suite stopped by Ctrl-C: 128 + SIGINT's number, as shells report it. */
const interruptedExitCode = 130;

/**
 * Runs suite cells under the shared flags, then sets exit code 1 when a cell failed (a
 * diverged cell is a result, reported in the table). Ctrl-C stops the cells in flight, keeps
 * the finished ones, prints the command that resumes and exits with 130; a second Ctrl-C
 * leaves at once.
 */
export async function runSuiteCommand(
  label: string,
  cells: SuiteRun['cells'],
  flags: SuiteFlags,
  registry: Registry,
  context: CommandContext,
  command: Command,
  execute?: CellExecutor,
): Promise<void> {
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(interruptedExitCode);
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  const { runSuite } = await import('../suite/run-suite.ts');
  const outcome = await runSuite({
    label,
    cells,
    outDir: resolve(context.cwd, flags.out),
    workers: flags.workers,
    fresh: flags.fresh === true,
    png: flags.png === true,
    plugins: flags.plugin,
    cwd: context.cwd,
    registry,
    signal: controller.signal,
    out: context.out,
    err: context.err,
    ...(flags.shard === undefined ? {} : { shard: flags.shard }),
    ...(execute === undefined ? {} : { execute }),
  }).finally(() => process.off('SIGINT', interrupt));
  if (outcome.interrupted) {
    context.err(
      `interrupted: ${outcome.results.length} of ${outcome.cells} cells finished in ${outcome.resultsPath}; resume with: ${resumeCommandLine(command)}`,
    );
    context.fail(interruptedExitCode);
    return;
  }
  const failed = outcome.results.filter((result) => result.status === 'failed');
  for (const result of failed) context.err(`failed: ${result.problem} × ${result.method} seed ${result.seed}: ${result.reason ?? 'no reason given'}`);
  if (failed.length > 0) context.fail(1);
}

/** The command line that resumes a suite: the command with the options given on it, except `--fresh` (and passwords). */
function resumeCommandLine(command: Command): string {
  const words = ['quadrant', command.name()];
  for (const option of command.options) {
    const key = option.attributeName();
    if (key === 'fresh' || command.getOptionValueSource(key) !== 'cli' || option.long === undefined) continue;
    const value: unknown = command.getOptionValue(key);
    // A password in a --queue URL is never printed: the user types it again.
    for (const each of Array.isArray(value) ? value : [value]) words.push(option.long, ...(each === true ? [] : [redactUrl(String(each))]));
  }
  return words.map(shellWord).join(' ');
}

/** A word as a POSIX shell reads it back: as is when plain, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Flags of `quadrant bench` beyond the shared ones. */
interface BenchFlags extends SuiteFlags {
  suite: string;
  queue?: string;
  queueName: string;
  /** False with `--no-wait`. */
  wait: boolean;
  weighting?: string;
}

/**
 * `quadrant bench`: runs a suite in parallel workers, resumably, and renders its report. With
 * `--queue` the cells go through a BullMQ queue on Redis instead, run by `quadrant worker`
 * processes on any number of machines, and this command follows the queue as it would its own
 * workers (or, with `--no-wait`, only adds the cells).
 */
export function benchCommand(program: Command, context: CommandContext): void {
  withSuiteFlags(
    program
      .command('bench')
      .description('run a suite (problems × methods × architectures × settings × seeds) in parallel workers, resumable, and write its report')
      .requiredOption('--suite <name|file>', 'a built-in suite (default, article) or a suite file (.yaml, .json)'),
    'quadrant-bench',
  )
    .option('--queue <url>', 'run the cells through a queue on this Redis, redis://[:password@]host[:port][/db], served by `quadrant worker`')
    .option('--queue-name <name>', 'the queue on that Redis', defaultQueueName)
    .option('--no-wait', 'with --queue: add the cells to the queue and leave, without following it or writing the report')
    .option(
      '--weighting <name>',
      "balance every network cell's loss terms with this scheme (fixed, lr-annealing, relobralo, softadapt), over the suite's settings",
    )
    .option('--shard <i/n>', 'run part i of n of the suite (array jobs: one part per task, no server); `quadrant report` merges the parts', parseShard)
    .option('--png', 'also write each figure of the report as a PNG (twice the SVG size, for papers and READMEs; the page itself shows SVG)')
    .action(async (flags: BenchFlags, command: Command) => {
      // A bad URL is refused before the suite is read or anything runs.
      const target = flags.queue === undefined ? undefined : parseQueueTarget(flags.queue, flags.queueName);
      if (target === undefined && !flags.wait) throw new QuadrantError('INPUT_INVALID', '--no-wait: only applies with --queue <url>');
      if (target !== undefined && flags.shard !== undefined)
        throw new QuadrantError('INPUT_INVALID', '--shard: not with --queue, which already shares the cells among its workers');
      const registry = await context.registry(flags.plugin);
      const { expandSuite } = await import('../suite/expand-suite.ts');
      const { loadSuite } = await import('../suite/load-suite.ts');
      const { networkMethods } = await import('../cells/cell-spec.ts');
      const { suite, baseDir } = loadSuite(flags.suite, context.cwd);
      // Refused before anything runs when no such scheme is registered.
      if (flags.weighting !== undefined) registry.weighting(flags.weighting);
      const weighting = flags.weighting === undefined ? undefined : { name: flags.weighting, options: {} };
      const cells = expandSuite(suite, registry).map((spec) => ({
        spec: weighting !== undefined && networkMethods.has(spec.method) ? { ...spec, settings: { ...spec.settings, weighting } } : spec,
        baseDir,
      }));
      if (target === undefined) return runSuiteCommand(suite.name, cells, flags, registry, context, command);
      if (!flags.wait) return enqueueSuite(cells, flags, registry, target, context);
      const { runQueuedCells } = await import('../queue/run-queued-cells.ts');
      await runSuiteCommand(suite.name, cells, flags, registry, context, command, (todo, execution) => runQueuedCells(target, todo, execution));
    });
}

/** `bench --queue … --no-wait`: adds the cells not yet in the results file and says what the queue held. */
async function enqueueSuite(cells: SuiteRun['cells'], flags: BenchFlags, registry: Registry, target: QueueTarget, context: CommandContext): Promise<void> {
  const { prepareSuiteCells, resumeSuite } = await import('../suite/run-suite.ts');
  const { enqueueCells } = await import('../queue/enqueue-cells.ts');
  const { withCellQueue } = await import('../queue/with-cell-queue.ts');
  const prepared = await prepareSuiteCells(cells, registry);
  const { todo } = resumeSuite(prepared, resolve(context.cwd, flags.out), flags.fresh === true, context.err);
  const enqueued = await withCellQueue(target, (cellQueue) => enqueueCells(cellQueue, todo));
  const retried = enqueued.retried > 0 ? `, ${enqueued.retried} failed ones queued again` : '';
  context.out(
    `queue '${target.name}' on ${target.display}: ${enqueued.added} cells added, ${enqueued.present} already there${retried}; ${prepared.length - todo.length} already in the results file`,
  );
}
