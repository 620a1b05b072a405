import type { Command } from 'commander';
import type { WorkerSetup } from '../pool/worker-messages.ts';
import type { CellJobData } from '../queue/cell-job.ts';
import { defaultQueueName, parseQueueTarget } from '../queue/queue-target.ts';
import type { CellResult } from '../results/cell-result.ts';
import { defaultWorkers } from '../suite/default-workers.ts';
import type { CommandContext } from './command-context.ts';
import { collect, parseInteger, parsePositive } from './parse-flags.ts';

interface WorkerFlags {
  queue: string;
  queueName: string;
  concurrency: number;
  lockSeconds: number;
  plugin: string[];
}

/** Exit codes of a worker stopped by a signal: 128 + the signal's number, as shells report it. */
const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * `quadrant worker`: serves a cell queue until stopped. Each concurrent cell runs in a BullMQ
 * sandboxed processor on a worker thread of its own (its own tfjs engine, as a local pool
 * thread), so training never blocks the thread that renews the cell's lock: a cell is handed to
 * another worker only when this one is gone (killed, machine lost), once its lock expires and a
 * stalled check finds it. The first SIGINT or SIGTERM finishes the cells in flight and leaves; a
 * second leaves at once. Losing Redis for good ends the worker with one line and exit code 1.
 */
export function workerCommand(program: Command, context: CommandContext): void {
  program
    .command('worker')
    .description('run cells from a queue on Redis (added by `quadrant bench --queue`), on as many machines as you like')
    .requiredOption('--queue <url>', 'the Redis of the queue, redis://[:password@]host[:port][/db]')
    .option('--queue-name <name>', 'the queue on that Redis', defaultQueueName)
    .option(
      '--concurrency <n>',
      'cells at a time, each in a thread with its own tfjs (default: one per core)',
      parseInteger('--concurrency', 1),
      defaultWorkers(),
    )
    .option(
      '--lock-seconds <s>',
      'lock of a running cell, renewed every half of it; a worker gone this long (plus one stalled check, as long) loses its cells to others',
      parsePositive('--lock-seconds'),
      30,
    )
    .option('--plugin <module>', 'load a plugin module (repeatable), resolved on this machine', collect, [])
    .action(async (flags: WorkerFlags) => {
      const target = parseQueueTarget(flags.queue, flags.queueName);
      // Loaded here too, so a bad --plugin fails at once rather than in every cell's thread.
      await context.registry(flags.plugin);
      const { Worker } = await import('bullmq');
      const { connectRedis } = await import('../queue/connect-redis.ts');
      const link = await connectRedis(target, 'worker');
      const setup: WorkerSetup = { plugins: flags.plugin, baseDir: context.cwd, backend: process.env.QUADRANT_BACKEND || undefined };
      const lockMilliseconds = Math.round(flags.lockSeconds * 1000);
      // Built .js beside this file; the sources only under a loader that runs .ts in threads.
      const processor = new URL(import.meta.url.endsWith('.ts') ? '../queue/cell-processor.ts' : '../queue/cell-processor.js', import.meta.url);
      const worker = new Worker<CellJobData, CellResult>(target.name, processor, {
        connection: link.client,
        concurrency: flags.concurrency,
        lockDuration: lockMilliseconds,
        stalledInterval: lockMilliseconds,
        useWorkerThreads: true,
        workerThreadsOptions: { workerData: setup },
      });
      const label = (job: { name: string; data: CellJobData }) => `${job.name} (${job.data.cell.id})`;
      worker.on('active', (job) => context.out(`started ${label(job)}`));
      worker.on('completed', (job, result) => context.out(`finished ${label(job)}: ${result.status}, ${result.seconds.total.toFixed(1)} s`));
      worker.on('failed', (job, error) =>
        context.err(
          `crashed ${job === undefined ? 'a cell' : `${label(job)}, attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}`}: ${target.redact(error.message)}`,
        ),
      );
      // Connection errors are retried by ioredis and, once it gives up, reported through `link.lost`.
      worker.on('error', () => {});
      context.out(
        `worker: queue '${target.name}' on ${target.display}, ${flags.concurrency} cell${flags.concurrency === 1 ? '' : 's'} at a time, lock ${flags.lockSeconds} s`,
      );

      let signalled: (name: keyof typeof signalExitCodes) => void = () => {};
      const stopped = new Promise<keyof typeof signalExitCodes>((resolve) => (signalled = resolve));
      const onSignal = (name: keyof typeof signalExitCodes) => {
        if (worker.closing) process.exit(signalExitCodes[name]);
        signalled(name);
      };
      for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, onSignal);
      const ended = await Promise.race([link.lost, stopped]);
      if (typeof ended !== 'string') {
        // Training in a thread never reads a message, and BullMQ's close waits up to 30 s for
        // a busy thread: once the error is printed, ending the process ends those threads, and
        // their cells go back to the queue when their locks expire.
        setTimeout(() => process.exit(), 1000).unref();
        void worker.close(true);
        throw ended;
      }
      context.err(
        `stopping: finishing the cells in flight (${ended === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again leaves at once; their cells go back to the queue)`,
      );
      await worker.close();
      await link.close();
      context.fail(signalExitCodes[ended]);
    });
}
