import { Worker } from 'node:worker_threads';
import { QuadrantError } from '@quadrant/spec';
import type { Registry } from '@quadrant/train';
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
  onStart?(cell: PreparedCell): void;
  onProgress?(cell: PreparedCell, fraction: number): void;
  /** Called the moment a cell ends, in completion order (the caller writes it out at once). */
  onResult(cell: PreparedCell, result: CellResult): void;
}

/**
 * Runs cells in parallel worker threads, each with its own tfjs engine, handing the next
 * cell to whichever worker is free. A cell whose worker throws is reported as an error after
 * the others finish: nothing finished is lost.
 * @throws QuadrantError the first cell error, once every other cell has ended
 */
export async function runCells(cells: readonly PreparedCell[], options: RunCellsOptions): Promise<void> {
  if (options.workers <= 1 || cells.length <= 1) {
    for (const cell of cells) {
      options.onStart?.(cell);
      const result = await runCell(cell, options.registry, { onProgress: (fraction) => options.onProgress?.(cell, fraction) });
      options.onResult(cell, result);
    }
    return;
  }
  const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './cell-worker.ts' : './cell-worker.js', import.meta.url);
  const setup: WorkerSetup = { plugins: options.plugins, baseDir: options.baseDir, backend: process.env.QUADRANT_BACKEND || undefined };
  let next = 0;
  const errors: Error[] = [];
  const runWorker = () =>
    new Promise<void>((resolveWorker, rejectWorker) => {
      const worker = new Worker(workerUrl, { workerData: setup });
      let current: PreparedCell | undefined;
      const dispatch = () => {
        if (next >= cells.length) {
          current = undefined;
          void worker.terminate().then(() => resolveWorker());
          return;
        }
        const index = next++;
        current = cells[index]!;
        options.onStart?.(current);
        worker.postMessage({ ...current, index });
      };
      worker.on('message', (reply: WorkerReply) => {
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
        rejectWorker(error);
      });
      dispatch();
    });
  const workers = Array.from({ length: Math.min(options.workers, cells.length) }, runWorker);
  await Promise.allSettled(workers);
  if (errors.length > 0) throw errors[0];
}
