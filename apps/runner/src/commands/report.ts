import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { renderReport } from '../report/index.ts';
import { readResults } from '../results/results-file.ts';
import { formatSummaryTable, formatVerdictConfusion, summarise, verdictConfusion } from '../summary/summary-table.ts';
import { defaultWorkers } from '../suite/run-suite.ts';
import type { CommandContext } from './command-context.ts';
import { parseInteger } from './parse-flags.ts';

/** `quadrant report`: renders a report from results files alone; two files are set side by side. */
export function reportCommand(program: Command, context: CommandContext): void {
  program
    .command('report')
    .description('render the report of one or more results.jsonl files (two or more are compared side by side)')
    .argument('<results...>', 'results.jsonl files written by bench or reproduce')
    .option('--out <dir>', 'output folder', 'quadrant-report')
    .option('--threads <n>', 'threads that draw the figures (default: one per core)', parseInteger('--threads', 1), defaultWorkers())
    .action(async (files: string[], flags: { out: string; threads: number }) => {
      const runs = files.map((file) => {
        const path = resolve(context.cwd, file);
        return { label: `${basename(dirname(path))}/${basename(path)}`, cells: readResults(path) };
      });
      const report = await renderReport(runs, resolve(context.cwd, flags.out), { threads: flags.threads });
      for (const run of runs) context.out(`${run.label}\n${formatSummaryTable(summarise(run.cells))}\n${formatVerdictConfusion(verdictConfusion(run.cells))}\n`);
      context.out(`report: ${report.indexHtml}`);
    });
}
