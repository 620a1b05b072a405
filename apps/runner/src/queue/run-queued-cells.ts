import type { PreparedCell } from '../cells/run-cell.ts';
import type { CellExecution } from '../suite/run-suite.ts';
import { cellJob } from './cell-job.ts';
import { enqueueCells } from './enqueue-cells.ts';
import { withCellQueue } from './with-cell-queue.ts';
import type { QueueTarget } from './queue-target.ts';
import { readQueuedCells } from './read-queued-cells.ts';

/** Milliseconds between looks at the queue: the delay a finished cell waits to be written. */
const pollMilliseconds = 200;

/**
 * Runs cells through a queue instead of local threads: adds them (idempotently, see
 * `enqueueCells`; a cell completed by an earlier run is read back, never run again) and
 * follows the queue, reporting progress and each result as it ends, until every cell has one
 * or `signal` aborts (the cells stay queued and workers go on). Workers (`quadrant worker`)
 * run the cells, here or on other machines.
 * @throws QuadrantError `QUEUE_UNAVAILABLE` when Redis cannot be reached or is lost for good,
 *   after the results already reported
 */
export async function runQueuedCells(target: QueueTarget, cells: readonly PreparedCell[], execution: CellExecution): Promise<void> {
  const { signal } = execution;
  if (cells.length === 0 || signal?.aborted) return;
  await withCellQueue(target, async (cellQueue) => {
    const { link, queue } = cellQueue;
    let lost = false;
    const whenLost = link.lost.then((error) => {
      lost = true;
      return error;
    });
    await enqueueCells(cellQueue, cells);
    const pending = new Map(cells.map((cell) => [cell.id, cell]));
    while (pending.size > 0 && !signal?.aborted && !lost) {
      try {
        const now = await readQueuedCells(cellQueue, [...pending.values()]);
        for (const [id, fraction] of now.running) execution.onProgress(pending.get(id)!, fraction);
        for (const [id, result] of now.ended) {
          const cell = pending.get(id)!;
          pending.delete(id);
          execution.onResult(cell, result);
        }
        // Someone removed jobs (cleaned the queue) while this run waits for them: add them again.
        if (now.missing.length > 0) await queue.addBulk(now.missing.map(cellJob));
      } catch (error) {
        // While ioredis reconnects, commands fail at once; the next look retries. Anything
        // else (a result that is not one) is an error of its own.
        if (link.client.status === 'ready') throw error;
      }
      await Promise.race([pause(pollMilliseconds, signal), whenLost]);
    }
    if (lost) throw await whenLost;
  });
}

/** Resolves after `milliseconds`, or at once when `signal` aborts. */
function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener('abort', done, { once: true });
  });
}
