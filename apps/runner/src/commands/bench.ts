import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Registry } from '@quadrant/train';
import { expandSuite } from '../suite/expand-suite.ts';
import { loadSuite } from '../suite/load-suite.ts';
import { defaultWorkers, runSuite, type SuiteRun } from '../suite/run-suite.ts';
import type { CommandContext } from './command-context.ts';
import { collect, parseInteger } from './parse-flags.ts';

/** Flags shared by the commands that run suites. */
export interface SuiteFlags {
  out: string;
  workers: number;
  fresh?: boolean;
  plugin: string[];
}

/** Adds the flags shared by `bench` and `reproduce`. */
export function withSuiteFlags(command: Command, defaultOut: string): Command {
  return command
    .option('--out <dir>', 'folder of results.jsonl and the report', defaultOut)
    .option('--workers <n>', 'worker threads, each with its own tfjs (default: one per core)', parseInteger('--workers', 1), defaultWorkers())
    .option('--fresh', 'start over instead of skipping cells already finished in the results file')
    .option('--plugin <module>', 'load a plugin module (repeatable)', collect, []);
}

/**
 * Runs suite cells under the shared flags, then sets exit code 1 when a cell failed (a
 * diverged cell is a result, reported in the table).
 */
export async function runSuiteCommand(label: string, cells: SuiteRun['cells'], flags: SuiteFlags, registry: Registry, context: CommandContext): Promise<void> {
  const results = await runSuite({
    label,
    cells,
    outDir: resolve(context.cwd, flags.out),
    workers: flags.workers,
    fresh: flags.fresh === true,
    plugins: flags.plugin,
    cwd: context.cwd,
    registry,
    out: context.out,
    err: context.err,
  });
  const failed = results.filter((result) => result.status === 'failed');
  for (const result of failed) context.err(`failed: ${result.problem} × ${result.method} seed ${result.seed}: ${result.reason ?? 'no reason given'}`);
  if (failed.length > 0) context.fail(1);
}

/** `quadrant bench`: runs a suite in parallel workers, resumably, and renders its report. */
export function benchCommand(program: Command, context: CommandContext): void {
  withSuiteFlags(
    program
      .command('bench')
      .description('run a suite (problems × methods × architectures × settings × seeds) in parallel workers, resumable, and write its report')
      .requiredOption('--suite <name|file>', 'a built-in suite (default, article) or a suite file (.yaml, .json)'),
    'quadrant-bench',
  ).action(async (flags: SuiteFlags & { suite: string }) => {
    const registry = await context.registry(flags.plugin);
    const { suite, baseDir } = loadSuite(flags.suite, context.cwd);
    await runSuiteCommand(
      suite.name,
      expandSuite(suite, registry).map((spec) => ({ spec, baseDir })),
      flags,
      registry,
      context,
    );
  });
}
