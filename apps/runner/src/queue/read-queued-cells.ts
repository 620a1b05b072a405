import { formatZodError, QuadrantError } from '@quadrant/spec';
import type { PreparedCell } from '../cells/run-cell.ts';
import { cellResultSchema, type CellResult } from '../results/cell-result.ts';
import { cellJobId } from './cell-job.ts';
import { failedCellResult } from './failed-cell-result.ts';
import type { CellQueue } from './with-cell-queue.ts';

/** Where a suite's cells stand in the queue. */
export interface QueuedCells {
  /** Results of the cells that ended, by cell id: completed ones, and failed ones once every attempt crashed. */
  readonly ended: Map<string, CellResult>;
  /** Fraction trained of the cells running now, by cell id. */
  readonly running: Map<string, number>;
  /** Cells the queue does not hold (never added, or removed since). */
  readonly missing: PreparedCell[];
}

/**
 * Reads the state of each cell's job, and the result of each that ended (a completed job's
 * return value is its result, read back through the results schema).
 * @throws QuadrantError `ARTEFACT_INVALID` for a return value that is not a cell result
 */
export async function readQueuedCells({ queue, link }: CellQueue, cells: readonly PreparedCell[]): Promise<QueuedCells> {
  const states = await Promise.all(cells.map((cell) => queue.getJobState(cellJobId(cell.id))));
  const ended = new Map<string, CellResult>();
  const running = new Map<string, number>();
  const missing: PreparedCell[] = [];
  await Promise.all(
    cells.map(async (cell, i) => {
      const state = states[i];
      if (state === 'unknown') return void missing.push(cell);
      if (state !== 'completed' && state !== 'failed' && state !== 'active') return;
      const job = await queue.getJob(cellJobId(cell.id));
      if (job === undefined) return void missing.push(cell);
      if (state === 'active') {
        if (typeof job.progress === 'number') running.set(cell.id, job.progress);
      } else if (state === 'failed') {
        ended.set(
          cell.id,
          failedCellResult(
            cell,
            `${job.failedReason} (after ${job.attemptsMade} of ${job.opts.attempts ?? 1} attempts)`,
            new Date(job.processedOn ?? job.timestamp),
          ),
        );
      } else {
        const parsed = cellResultSchema.safeParse(job.returnvalue);
        if (!parsed.success) {
          throw new QuadrantError('ARTEFACT_INVALID', formatZodError(`${link.target.display} queue ${link.target.name}: job ${cell.id}`, parsed.error));
        }
        ended.set(cell.id, parsed.data);
      }
    }),
  );
  return { ended, running, missing };
}
