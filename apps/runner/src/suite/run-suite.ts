import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '@quadrant/train';
import { type CellSpec, networkMethods } from '../cells/cell-spec.ts';
import { type PreparedCell, prepareCell } from '../cells/run-cell.ts';
import { runCells } from '../pool/run-cells.ts';
import { problemCache } from '../problems/problem-cache.ts';
import { createProgressReporter } from '../progress/progress-reporter.ts';
import { renderReport } from '../report/index.ts';
import type { CellResult } from '../results/cell-result.ts';
import { ResultsFile } from '../results/results-file.ts';
import { formatSummaryTable, formatVerdictConfusion, summarise, verdictConfusion } from '../summary/summary-table.ts';

/** A batch of suite cells and where they run. */
export interface SuiteRun {
  /** Label of the run in the report (the suite names). */
  readonly label: string;
  /** Cells with the folder their relative problem paths resolve from. */
  readonly cells: readonly { readonly spec: CellSpec; readonly baseDir: string }[];
  readonly outDir: string;
  readonly workers: number;
  /** Start over instead of skipping cells already in `outDir/results.jsonl`. */
  readonly fresh: boolean;
  readonly plugins: readonly string[];
  readonly cwd: string;
  readonly registry: Registry;
  /** Where the summary table goes (stdout). */
  out(text: string): void;
  /** Where resume notes go (stderr). */
  err(text: string): void;
}

/** A rough rank of a cell's running time: epochs for network cells (a preset's own count when it names one), 0 for classical solvers. */
function expectedCost(cell: PreparedCell): number {
  const epochs = (cell.settings as { epochs?: unknown }).epochs;
  if (!networkMethods.has(cell.spec.method)) return 0;
  return (typeof epochs === 'number' ? epochs : 1) * (cell.spec.method === 'data-only' ? 0.5 : 1);
}

/** The default worker count: one per core, at most the number of cells. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Runs suite cells, resumable: every cell is validated first (a bad suite fails before any
 * training), cells already finished in `results.jsonl` are skipped, each new result is
 * appended the moment it ends, and the report is rendered from the file. Cells that failed
 * (not diverged: a divergence is a result) run again on the next call.
 * @returns this run's results, in suite order
 */
export async function runSuite(run: SuiteRun): Promise<CellResult[]> {
  const problems = problemCache(run.registry);
  const prepared: PreparedCell[] = [];
  const seen = new Set<string>();
  for (const { spec, baseDir } of run.cells) {
    const cell = prepareCell(spec, await problems.resolve(spec.problem, baseDir), run.registry);
    if (seen.has(cell.id)) continue;
    seen.add(cell.id);
    prepared.push(cell);
  }
  const file = new ResultsFile(join(run.outDir, 'results.jsonl'));
  const finished = new Map<string, CellResult>();
  for (const result of file.open(run.fresh)) if (result.status !== 'failed') finished.set(result.id, result);
  // Longest first, so the last cells to finish are short ones and no worker idles at the end
  // while another trains a long cell: network cells (the article's configuration first) before
  // classical ones, which take milliseconds. The results file and the report keep suite order.
  const todo = prepared.filter((cell) => !finished.has(cell.id)).sort((a, b) => expectedCost(b) - expectedCost(a));
  if (finished.size > 0) run.err(`resuming: ${prepared.length - todo.length} of ${prepared.length} cells already in ${file.path} (--fresh starts over)`);

  const progress = createProgressReporter(todo.length);
  try {
    await runCells(todo, {
      workers: Math.min(run.workers, Math.max(1, todo.length)),
      registry: run.registry,
      plugins: run.plugins,
      baseDir: run.cwd,
      onProgress: (cell, fraction) => progress.advance(cell.id, fraction),
      onResult: (cell, result) => {
        file.append(result);
        finished.set(cell.id, result);
        const error = result.metrics.inDomain.relativeL2;
        progress.finish(cell.id, `${result.problem} × ${result.method} seed ${result.seed}: ${result.status}, relL2 ${error === null ? 'not finite' : error.toExponential(2)}, ${result.seconds.total.toFixed(1)} s`);
      },
    });
  } finally {
    progress.stop();
  }
  const results = prepared.map((cell) => finished.get(cell.id)).filter((result): result is CellResult => result !== undefined);
  const report = await renderReport([{ label: run.label, cells: results }], run.outDir, { threads: run.workers });
  run.out(`\n${formatSummaryTable(summarise(results))}\n${formatVerdictConfusion(verdictConfusion(results))}\n\nreport: ${report.indexHtml}\nresults: ${file.path}`);
  return results;
}
