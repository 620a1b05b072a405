import { QuadrantError } from '@quadrant/spec';
import { Queue } from 'bullmq';
import type { CellResult } from '../results/cell-result.ts';
import type { CellJobData } from './cell-job.ts';
import { connectRedis, type RedisLink } from './connect-redis.ts';
import type { QueueTarget } from './queue-target.ts';

/** The cell queue on a Redis, as `bench` and `report` use it (they add and read jobs; workers run them). */
export interface CellQueue {
  readonly link: RedisLink;
  readonly queue: Queue<CellJobData, CellResult>;
}

/**
 * Connects to the queue's Redis, opens the queue for `use` and closes both after it. A Redis
 * command that fails (the server went away, refused a write) ends as one `QUEUE_UNAVAILABLE`
 * error naming the URL without its password.
 * @throws QuadrantError `QUEUE_UNAVAILABLE` when Redis cannot be reached or fails a command
 */
export async function withCellQueue<T>(target: QueueTarget, use: (cellQueue: CellQueue) => Promise<T>): Promise<T> {
  const link = await connectRedis(target, 'client');
  const queue = new Queue<CellJobData, CellResult>(target.name, { connection: link.client });
  // Connection errors reach the caller through the failed command and `link.lost`; an
  // EventEmitter without an 'error' listener would throw them instead.
  queue.on('error', () => {});
  try {
    return await use({ link, queue });
  } catch (error) {
    throw QuadrantError.isInstance(error) ? error : link.unavailable('Redis failed a command', error);
  } finally {
    await queue.close().catch(() => {});
    await link.close();
  }
}
