import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { renderReport } from '../report/index.ts';
import { readResults } from '../results/results-file.ts';
import { formatSummaryTable, summarise } from '../summary/summary-table.ts';
import type { CommandContext } from './command-context.ts';

/** `quadrant report`: renders a report from results files alone; two files are set side by side. */
export function reportCommand(program: Command, context: CommandContext): void {
  program
    .command('report')
    .description('render the report of one or more results.jsonl files (two or more are compared side by side)')
    .argument('<results...>', 'results.jsonl files written by bench or reproduce')
    .option('--out <dir>', 'output folder', 'quadrant-report')
    .action(async (files: string[], flags: { out: string }) => {
      const runs = files.map((file) => {
        const path = resolve(context.cwd, file);
        return { label: `${basename(dirname(path))}/${basename(path)}`, cells: readResults(path) };
      });
      const report = await renderReport(runs, resolve(context.cwd, flags.out));
      for (const run of runs) context.out(`${run.label}\n${formatSummaryTable(summarise(run.cells))}\n`);
      context.out(`report: ${report.indexHtml}`);
    });
}
