import { Worker } from 'node:worker_threads';
import { QuadrantError } from '@quadrant/spec';
import type { Registry } from '@quadrant/train';
import { packageVersions } from '../cells/package-versions.ts';
import { type PreparedCell, runCell } from '../cells/run-cell.ts';
import type { CellResult } from '../results/cell-result.ts';
import type { WorkerReply, WorkerSetup } from './worker-messages.ts';

/** How a batch of cells is run and what the caller hears about it. */
export interface RunCellsOptions {
  /** Worker threads; 1 runs the cells in this thread, one after another. */
  readonly workers: number;
  /** Used when `workers` is 1; workers build their own from `plugins`. */
  readonly registry: Registry;
  readonly plugins: readonly string[];
  readonly baseDir: string;
  /**
   * Aborting stops the batch: no cell starts after it, training in this thread stops after
   * its current epoch and worker threads are terminated. A cell cut short is not reported.
   */
  readonly signal?: AbortSignal;
  onStart?(cell: PreparedCell): void;
  onProgress?(cell: PreparedCell, fraction: number): void;
  /** Called the moment a cell ends, in completion order (the caller writes it out at once). */
  onResult(cell: PreparedCell, result: CellResult): void;
}

/**
 * Runs cells in parallel worker threads, each with its own tfjs engine, handing the next
 * cell to whichever worker is free. A cell whose worker throws is reported as an error after
 * the others finish: nothing finished is lost. Resolves once every worker has ended, also
 * when `signal` aborts (the caller checks it to tell an interrupted batch from a whole one).
 * @throws QuadrantError the first cell error, once every other cell has ended (not when aborted)
 */
export async function runCells(cells: readonly PreparedCell[], options: RunCellsOptions): Promise<void> {
  const { signal } = options;
  if (options.workers <= 1 || cells.length <= 1) {
    for (const cell of cells) {
      if (signal?.aborted) return;
      options.onStart?.(cell);
      const result = await runCell(cell, options.registry, {
        versions: packageVersions(),
        onProgress: (fraction) => options.onProgress?.(cell, fraction),
        ...(signal === undefined ? {} : { signal }),
      });
      // Training stopped by the abort returns a result that looks finished: drop it, so the cell runs again on resume.
      if (signal?.aborted) return;
      options.onResult(cell, result);
    }
    return;
  }
  if (signal?.aborted) return;
  // Figures go through tinypool (figure-renderer.ts); cells keep this pool. Measured with tinypool
  // 2.2.0: a worker thread that exits (process.exit, a native abort) leaves its task pending until
  // the pool is destroyed, where this pool reports it from the worker's 'exit' event; and an
  // aborted task makes tinypool start a replacement worker, loading another tfjs engine just
  // before the batch is torn down.
  const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './cell-worker.ts' : './cell-worker.js', import.meta.url);
  const setup: WorkerSetup = { plugins: options.plugins, baseDir: options.baseDir, backend: process.env.QUADRANT_BACKEND || undefined };
  let next = 0;
  const errors: Error[] = [];
  const runWorker = () =>
    new Promise<void>((resolveWorker) => {
      const worker = new Worker(workerUrl, { workerData: setup });
      let current: PreparedCell | undefined;
      // A worker busy in a training loop never reads a message: terminating it is the only prompt stop.
      const stop = () => void worker.terminate();
      signal?.addEventListener('abort', stop, { once: true });
      const dispatch = () => {
        current = undefined;
        if (next >= cells.length || signal?.aborted) {
          stop();
          return;
        }
        const index = next++;
        current = cells[index]!;
        options.onStart?.(current);
        worker.postMessage({ ...current, index });
      };
      worker.on('message', (reply: WorkerReply) => {
        if (signal?.aborted) return;
        const cell = cells[reply.index]!;
        if (reply.kind === 'progress') return options.onProgress?.(cell, reply.fraction);
        if (reply.kind === 'result') options.onResult(cell, reply.result);
        else {
          const message = `${cell.spec.problem} × ${cell.spec.method} (seed ${cell.spec.seed}): ${reply.message}`;
          errors.push(reply.code === undefined ? new Error(message) : new QuadrantError(reply.code, message));
        }
        dispatch();
      });
      worker.on('error', (error) => {
        errors.push(new Error(`worker stopped while running ${current?.spec.problem ?? 'a cell'}: ${error.message}`));
        current = undefined;
      });
      // Every end of a worker passes here: all cells handed out, aborted, crashed or exited on its own.
      worker.on('exit', (code) => {
        signal?.removeEventListener('abort', stop);
        if (current !== undefined && !signal?.aborted) errors.push(new Error(`worker exited with code ${code} while running ${current.spec.problem}`));
        resolveWorker();
      });
      dispatch();
    });
  await Promise.all(Array.from({ length: Math.min(options.workers, cells.length) }, runWorker));
  if (errors.length > 0 && !signal?.aborted) throw errors[0];
}
