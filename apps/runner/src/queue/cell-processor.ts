import { workerData } from 'node:worker_threads';
import type { SandboxedJob } from 'bullmq';
import { packageVersions } from '../cells/package-versions.ts';
import { runCell } from '../cells/run-cell.ts';
import { threadRegistry } from '../pool/thread-registry.ts';
import type { WorkerSetup } from '../pool/worker-messages.ts';
import type { CellResult } from '../results/cell-result.ts';
import type { CellJobData } from './cell-job.ts';

// BullMQ's sandboxed processor for `quadrant worker`, loaded in a worker thread of its own per
// concurrent cell: training blocks this thread for seconds at a time, while the worker's main
// thread keeps renewing the job's lock. The thread is reused for the next cell, so the registry
// (backend and plugins) is built once per thread.
const registryReady = threadRegistry(workerData as WorkerSetup);

/** Seconds between progress writes to Redis: a bar needs no more, and each is a round trip. */
const progressSeconds = 1;

/**
 * Runs one queued cell with the same code as a local worker thread. The returned result is the
 * job's return value, which BullMQ stores in the same Redis script that marks the job
 * completed: a completed job always has its result. A throw is a crash, retried by BullMQ.
 */
export default async function processCell(job: SandboxedJob<CellJobData, CellResult>): Promise<CellResult> {
  const registry = await registryReady;
  let lastReport = 0;
  return runCell(job.data.cell, registry, {
    versions: packageVersions(),
    onProgress: (fraction) => {
      const now = Date.now();
      if (now - lastReport < progressSeconds * 1000) return;
      lastReport = now;
      void job.updateProgress(fraction);
    },
  });
}
