import { QuadrantError } from '@quadrant/spec';
import { Redis } from 'ioredis';
import type { QueueTarget } from './queue-target.ts';

/**
 * Reconnect attempts after a connection is lost, 100 ms apart growing to 500 ms: about 4 s
 * of waiting before the link is given up (ioredis alone would retry forever). Enough to ride
 * out a blip, short enough that a Redis that went away is reported within seconds.
 */
const reconnectAttempts = 10;

/** Longest wait for a first connection, TCP and the server's first answer together. */
const connectSeconds = 5;

/** A connection to the Redis of a queue that reports, once, why it can no longer be used. */
export interface RedisLink {
  readonly client: Redis;
  readonly target: QueueTarget;
  /** Settles with the error to report once the connection is lost for good (reconnect attempts used up). */
  readonly lost: Promise<QuadrantError>;
  /** A `QUEUE_UNAVAILABLE` error naming the URL (without password) and the last cause seen. */
  unavailable(what: string, error?: unknown): QuadrantError;
  close(): Promise<void>;
}

/**
 * Connects to a queue's Redis with bounded retries, so an unreachable or vanished server is an
 * error within seconds instead of a hang. `worker` connections are the kind BullMQ's workers
 * need for their blocking reads (commands wait through a reconnect); the others fail a command
 * at once while disconnected, which the caller retries until the link is given up.
 * @throws QuadrantError `QUEUE_UNAVAILABLE` when the first connection fails or times out
 */
export async function connectRedis(target: QueueTarget, role: 'client' | 'worker'): Promise<RedisLink> {
  const client = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: connectSeconds * 1000,
    retryStrategy: (times) => (times > reconnectAttempts ? null : Math.min(100 * times, 500)),
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 10_000 }),
  });
  let lastError: unknown;
  // Without a listener ioredis prints every failed attempt with its stack.
  client.on('error', (error) => {
    lastError = error;
  });
  const unavailable = (what: string, error?: unknown) => {
    // A command that failed for want of a connection says less than the socket error behind it.
    const behind = client.status === 'ready' ? (error ?? lastError) : (lastError ?? error);
    const cause = behind instanceof Error ? behind.message : String(behind ?? 'no answer');
    return new QuadrantError('QUEUE_UNAVAILABLE', target.redact(`${target.display}: ${what}: ${cause}`));
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${connectSeconds} s`)), connectSeconds * 1000);
      }),
    ]);
  } catch (error) {
    client.disconnect();
    throw unavailable('cannot connect to Redis', error);
  } finally {
    clearTimeout(timer);
  }
  let ended = () => {};
  const lost = new Promise<QuadrantError>((resolve) => {
    ended = () => resolve(unavailable(`lost the connection to Redis (gave up after ${reconnectAttempts} reconnect attempts)`));
    client.once('end', ended);
  });
  return {
    client,
    target,
    lost,
    unavailable,
    close: async () => {
      client.off('end', ended);
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
