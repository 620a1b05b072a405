import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

/** A `redis-server` of a test's own on loopback, with nothing saved to disk. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly process: ChildProcess;
  /** Kills the server (SIGKILL: as a machine lost) and waits for it to end. */
  stop(): Promise<void>;
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** True once the server at `port` answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/**
 * Starts `redis-server` on 127.0.0.1 on a free port and waits until it answers PING.
 * @throws when redis-server is not installed (the queue tests need it: apt-get install redis-server) or does not answer within 10 s
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_resolve, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ENOENT'
            ? 'redis-server is not installed: the queue tests need it (apt-get install redis-server)'
            : `redis-server did not start: ${error.message}`,
        ),
      ),
    ),
  );
  const answering = (async () => {
    const deadline = Date.now() + 10_000;
    while (!(await pong(port))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`redis-server on port ${port} did not answer PING within 10 s (exit code ${child.exitCode})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  // Whichever loses the race must not end as an unhandled rejection.
  answering.catch(() => {});
  await Promise.race([answering, failed]);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await ended;
    },
  };
}
