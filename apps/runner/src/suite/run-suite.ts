import { join } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import type { Registry } from '@quadrant/train';
import type { CellSpec } from '../cells/cell-spec.ts';
import { type PreparedCell, prepareCell } from '../cells/run-cell.ts';
import { runCells } from '../pool/run-cells.ts';
import { problemCache } from '../problems/problem-cache.ts';
import { createProgressReporter } from '../progress/progress-reporter.ts';
import { renderReport } from '../report/index.ts';
import type { CellResult, ShardTag } from '../results/cell-result.ts';
import { ResultsFile } from '../results/results-file.ts';
import { formatSummaryTable, formatVerdictConfusion, summarise, verdictConfusion } from '../summary/summary-table.ts';
import { type Shard, shardCells, shardTag } from './shard.ts';

export { defaultWorkers } from './default-workers.ts';

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
  /** Write a PNG beside each SVG figure of the report (default false). */
  readonly png?: boolean;
  readonly plugins: readonly string[];
  readonly cwd: string;
  readonly registry: Registry;
  /** Run only this part of the suite (`--shard i/n`); its results carry the shard's tag for `quadrant report` to merge. */
  readonly shard?: Shard;
  /** Aborting (Ctrl-C) stops the cells in flight; finished ones stay in the results file and no report is rendered. */
  readonly signal?: AbortSignal;
  /** Where the summary table goes (stdout). */
  out(text: string): void;
  /** Where resume notes go (stderr). */
  err(text: string): void;
  /** Runs the unfinished cells: in local worker threads (`runCells`) unless given, such as through a queue. */
  readonly execute?: CellExecutor;
}

/** What a suite run hears from whatever runs its cells. */
export interface CellExecution {
  /** Aborting stops following the cells; a cell cut short is not reported. */
  readonly signal?: AbortSignal;
  onProgress(cell: PreparedCell, fraction: number): void;
  /** Called the moment a cell's result is known, in completion order (the caller writes it out at once). */
  onResult(cell: PreparedCell, result: CellResult): void;
}

/** Runs a suite's unfinished cells, longest first, and resolves once each has a result or `signal` aborted. */
export type CellExecutor = (cells: readonly PreparedCell[], execution: CellExecution) => Promise<void>;

/** A suite's cells against its results file: what is finished and what is left to run. */
export interface SuiteResume {
  readonly file: ResultsFile;
  /** Results already in the file by cell id, failed ones left out (they run again). */
  readonly finished: Map<string, CellResult>;
  /** Cells to run, longest first. */
  readonly todo: PreparedCell[];
}

/** What a suite run ended with. */
export interface SuiteOutcome {
  /** The finished results, in suite order: every cell's unless interrupted. */
  readonly results: CellResult[];
  /** Cells in the suite. */
  readonly cells: number;
  /** The run was aborted before every cell finished; no report was rendered. */
  readonly interrupted: boolean;
  /** The results file, which a rerun resumes from. */
  readonly resultsPath: string;
}

/** A rough rank of a cell's running time: epochs for network cells (a preset's own count when it names one), 0 for classical solvers. */
function expectedCost(cell: PreparedCell): number {
  if (cell.kind === 'solver') return 0;
  // A neural ODE's epoch integrates the whole trajectory: a few times a PINN's.
  return cell.settings.epochs * (cell.spec.method === 'data-only' ? 0.5 : cell.spec.method === 'neural-ode' ? 4 : 1);
}

/**
 * Resolves every cell's problem and settings, in suite order without duplicates (two
 * entries of a suite that expand to the same cell share an id). A bad suite fails here,
 * before any training.
 * @throws QuadrantError as `prepareCell` and problem resolution do
 */
export async function prepareSuiteCells(cells: SuiteRun['cells'], registry: Registry): Promise<PreparedCell[]> {
  const problems = problemCache(registry);
  const prepared: PreparedCell[] = [];
  const seen = new Set<string>();
  for (const { spec, baseDir } of cells) {
    const cell = prepareCell(spec, await problems.resolve(spec.problem, baseDir), registry);
    if (seen.has(cell.id)) continue;
    seen.add(cell.id);
    prepared.push(cell);
  }
  return prepared;
}

/**
 * Opens `outDir/results.jsonl` (emptied when `fresh`) and splits the prepared cells into
 * finished and to do; says on `err` when it resumes.
 * @param shard - the tag of the shard being run, which every result in the file must carry (none for a whole run)
 * @throws QuadrantError `INPUT_INVALID` when the file holds results of another shard or of a whole run
 */
export function resumeSuite(prepared: readonly PreparedCell[], outDir: string, fresh: boolean, err: (text: string) => void, shard?: ShardTag): SuiteResume {
  const file = new ResultsFile(join(outDir, 'results.jsonl'));
  const finished = new Map<string, CellResult>();
  const part = (tag: ShardTag | undefined) => (tag === undefined ? 'a whole run' : `shard ${tag.index}/${tag.count} of suite cells ${tag.suite}`);
  for (const result of file.open(fresh)) {
    if (JSON.stringify(result.shard) !== JSON.stringify(shard)) {
      throw new QuadrantError(
        'INPUT_INVALID',
        `${file.path}: holds results of ${part(result.shard)}, and this is ${part(shard)}; give each shard its own --out, or --fresh to start over`,
      );
    }
    if (result.status !== 'failed') finished.set(result.id, result);
  }
  // Longest first, so the last cells to finish are short ones and no worker idles at the end
  // while another trains a long cell: network cells (the article's configuration first) before
  // classical ones, which take milliseconds. The results file and the report keep suite order.
  const todo = prepared.filter((cell) => !finished.has(cell.id)).sort((a, b) => expectedCost(b) - expectedCost(a));
  if (finished.size > 0) err(`resuming: ${prepared.length - todo.length} of ${prepared.length} cells already in ${file.path} (--fresh starts over)`);
  return { file, finished, todo };
}

/**
 * Runs suite cells, resumable: every cell is validated first (a bad suite fails before any
 * training), cells already finished in `results.jsonl` are skipped, each new result is
 * appended the moment it ends, and the report is rendered from the file. Cells that failed
 * (not diverged: a divergence is a result) run again on the next call. An abort through
 * `signal` ends the cells in flight, keeps what finished and skips the report.
 */
export async function runSuite(run: SuiteRun): Promise<SuiteOutcome> {
  const suite = await prepareSuiteCells(run.cells, run.registry);
  const tag =
    run.shard === undefined
      ? undefined
      : shardTag(
          run.shard,
          suite.map((cell) => cell.id),
        );
  const prepared = run.shard === undefined ? suite : shardCells(suite, run.shard);
  const { file, finished, todo } = resumeSuite(prepared, run.outDir, run.fresh, run.err, tag);
  const execute: CellExecutor =
    run.execute ??
    ((cells, execution) =>
      runCells(cells, {
        workers: Math.min(run.workers, Math.max(1, cells.length)),
        registry: run.registry,
        plugins: run.plugins,
        baseDir: run.cwd,
        ...execution,
      }));

  const progress = createProgressReporter(todo.length);
  try {
    await execute(todo, {
      ...(run.signal === undefined ? {} : { signal: run.signal }),
      onProgress: (cell, fraction) => progress.advance(cell.id, fraction),
      onResult: (cell, untagged) => {
        const result = tag === undefined ? untagged : { ...untagged, shard: tag };
        file.append(result);
        finished.set(cell.id, result);
        const error = result.metrics.inDomain.relativeL2;
        progress.finish(
          cell.id,
          `${result.problem} × ${result.method} seed ${result.seed}: ${result.status}, relL2 ${error === null ? 'not finite' : error.toExponential(2)}, ${result.seconds.total.toFixed(1)} s`,
        );
      },
    });
  } finally {
    progress.stop();
  }
  const results = prepared.map((cell) => finished.get(cell.id)).filter((result): result is CellResult => result !== undefined);
  const outcome = { results, cells: prepared.length, resultsPath: file.path };
  // A report of part of the suite would pass for the whole; the resumed run renders it.
  if (results.length < prepared.length && run.signal?.aborted) return { ...outcome, interrupted: true };
  const label = run.shard === undefined ? run.label : `${run.label} (shard ${run.shard.index}/${run.shard.count})`;
  const report = await renderReport([{ label, cells: results }], run.outDir, { threads: run.workers, png: run.png === true });
  run.out(
    `\n${formatSummaryTable(summarise(results))}\n${formatVerdictConfusion(verdictConfusion(results))}\n\nreport: ${report.indexHtml}\nresults: ${file.path}`,
  );
  return { ...outcome, interrupted: false };
}
