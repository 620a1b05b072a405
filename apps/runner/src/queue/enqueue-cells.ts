import type { PreparedCell } from '../cells/run-cell.ts';
import { cellJob, cellJobId } from './cell-job.ts';
import type { CellQueue } from './with-cell-queue.ts';

/** What adding a suite's cells to the queue did. */
export interface Enqueued {
  /** Cells new to the queue. */
  readonly added: number;
  /** Cells that had failed every attempt, queued to run again. */
  readonly retried: number;
  /** Cells already waiting, running or completed: nothing was added for them. */
  readonly present: number;
}

/**
 * Adds cells as jobs in the given order (the queue hands them out first in, first out). The
 * job id is the cell id, so this is idempotent: a cell queued, running or completed by an
 * earlier `bench` is left as it is and never runs twice. A cell whose attempts all crashed runs
 * again, as a failed cell of a local run does on the next `bench`.
 */
export async function enqueueCells({ queue }: CellQueue, cells: readonly PreparedCell[]): Promise<Enqueued> {
  const states = await Promise.all(cells.map((cell) => queue.getJobState(cellJobId(cell.id))));
  const absent = cells.filter((_, i) => states[i] === 'unknown');
  const failed = cells.filter((_, i) => states[i] === 'failed');
  // A second bench adding the same cells at the same moment is harmless: a duplicate id adds nothing.
  if (absent.length > 0) await queue.addBulk(absent.map(cellJob));
  await Promise.all(
    failed.map(async (cell) => (await queue.getJob(cellJobId(cell.id)))?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })),
  );
  return { added: absent.length, retried: failed.length, present: cells.length - absent.length - failed.length };
}
