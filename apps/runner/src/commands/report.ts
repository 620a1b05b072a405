import { basename, dirname, resolve } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import type { Command } from 'commander';
import { defaultQueueName, parseQueueTarget, type QueueTarget } from '../queue/queue-target.ts';
import { mergeShards } from '../report/merge-shards.ts';
import type { CellResult } from '../results/cell-result.ts';
import { readResults } from '../results/results-file.ts';
import { formatSummaryTable, formatVerdictConfusion, summarise, verdictConfusion } from '../summary/summary-table.ts';
import { defaultWorkers } from '../suite/default-workers.ts';
import type { CommandContext } from './command-context.ts';
import { collect, parseInteger } from './parse-flags.ts';

interface ReportFlags {
  out: string;
  threads: number;
  queue?: string;
  queueName: string;
  suite?: string;
  plugin: string[];
  png?: boolean;
}

/**
 * `quadrant report`: renders a report from results files alone, or from the results a queue
 * holds for a suite (`--queue … --suite …`); two or more runs are set side by side, and the
 * shards of one suite (`bench --shard`) are merged into one run.
 */
export function reportCommand(program: Command, context: CommandContext): void {
  program
    .command('report')
    .description('render the report of one or more results.jsonl files, or of a suite run through a queue (two or more runs are compared side by side)')
    .argument('[results...]', 'results.jsonl files written by bench or reproduce (the shards of one suite are merged)')
    .option('--out <dir>', 'output folder', 'quadrant-report')
    .option('--threads <n>', 'threads that draw the figures (default: one per core)', parseInteger('--threads', 1), defaultWorkers())
    .option('--queue <url>', 'also report the results a queue on this Redis holds for --suite, redis://[:password@]host[:port][/db]')
    .option('--queue-name <name>', 'the queue on that Redis', defaultQueueName)
    .option('--suite <name|file>', 'with --queue: the suite whose cells to read')
    .option('--plugin <module>', 'with --queue: load a plugin module the suite needs (repeatable)', collect, [])
    .option('--png', 'also write each figure as a PNG (twice the SVG size, for papers and READMEs; the page itself shows SVG)')
    .action(async (files: string[], flags: ReportFlags) => {
      const target = flags.queue === undefined ? undefined : parseQueueTarget(flags.queue, flags.queueName);
      if (target !== undefined && flags.suite === undefined)
        throw new QuadrantError('INPUT_INVALID', '--queue: needs --suite <name|file>, the suite whose cells to read');
      if (target === undefined && flags.suite !== undefined) throw new QuadrantError('INPUT_INVALID', '--suite: only applies with --queue <url>');
      if (target === undefined && files.length === 0)
        throw new QuadrantError('INPUT_INVALID', 'nothing to report: give results.jsonl files, or --queue <url> --suite <name|file>');
      // Shards of one suite (`bench --shard`) become one run; other files are runs of their own.
      const { runs, warnings } = mergeShards(
        files.map((file) => {
          const path = resolve(context.cwd, file);
          return { path, label: `${basename(dirname(path))}/${basename(path)}`, cells: readResults(path) };
        }),
      );
      for (const warning of warnings) context.err(`warning: ${warning}`);
      if (target !== undefined && flags.suite !== undefined) runs.push(await queuedRun(target, flags.suite, flags.plugin, context));
      // vega and the figure threads load here, after the inputs are read and checked.
      const { renderReport } = await import('../report/index.ts');
      const report = await renderReport(runs, resolve(context.cwd, flags.out), { threads: flags.threads, png: flags.png === true });
      for (const run of runs)
        context.out(`${run.label}\n${formatSummaryTable(summarise(run.cells))}\n${formatVerdictConfusion(verdictConfusion(run.cells))}\n`);
      context.out(`report: ${report.indexHtml}`);
    });
}

/** The results a queue holds for a suite, in suite order; says on stderr how many cells have none yet. */
async function queuedRun(
  target: QueueTarget,
  suiteName: string,
  plugins: readonly string[],
  context: CommandContext,
): Promise<{ label: string; cells: CellResult[] }> {
  const registry = await context.registry(plugins);
  const { expandSuite } = await import('../suite/expand-suite.ts');
  const { loadSuite } = await import('../suite/load-suite.ts');
  const { prepareSuiteCells } = await import('../suite/run-suite.ts');
  const { readQueuedCells } = await import('../queue/read-queued-cells.ts');
  const { withCellQueue } = await import('../queue/with-cell-queue.ts');
  const { suite, baseDir } = loadSuite(suiteName, context.cwd);
  const prepared = await prepareSuiteCells(
    expandSuite(suite, registry).map((spec) => ({ spec, baseDir })),
    registry,
  );
  const { ended } = await withCellQueue(target, (cellQueue) => readQueuedCells(cellQueue, prepared));
  const cells = prepared.map((cell) => ended.get(cell.id)).filter((result): result is CellResult => result !== undefined);
  if (cells.length < prepared.length)
    context.err(
      `${suite.name}: ${prepared.length - cells.length} of ${prepared.length} cells have no result in queue '${target.name}' on ${target.display} yet`,
    );
  return { label: `${suite.name} (queue ${target.name})`, cells };
}
