import type { JobsOptions } from 'bullmq';
import type { PreparedCell } from '../cells/run-cell.ts';

/**
 * What a queued cell carries: the prepared cell as JSON (the problem as data, the settings
 * fully resolved, the id), so a worker needs no suite or problem file and serves any suite.
 */
export interface CellJobData {
  readonly cell: PreparedCell;
}

/**
 * Runs of a cell whose run throws (a crash; a numerical failure is a result and is not
 * retried), 1 s then 2 s apart, before it is recorded as a failed result.
 */
export const cellAttempts = 3;

/**
 * The job id of a cell: its id with a prefix, since BullMQ refuses an id that reads as an
 * integer, as a hexadecimal cell id now and then does.
 */
export function cellJobId(cellId: string): string {
  return `cell-${cellId}`;
}

/**
 * A cell's job: its id is the cell's id (see {@link cellJobId}), so adding a cell that is already queued, running or
 * done adds nothing. Finished jobs are kept, since their return value is the cell's result.
 */
export function cellJob(cell: PreparedCell): { name: string; data: CellJobData; opts: JobsOptions } {
  return {
    name: `${cell.problem.name} × ${cell.spec.method} seed ${cell.spec.seed}`,
    data: { cell },
    opts: { jobId: cellJobId(cell.id), attempts: cellAttempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: false, removeOnFail: false },
  };
}
