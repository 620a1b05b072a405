import { parentPort, workerData } from 'node:worker_threads';
import { QuadrantError } from '@quadrant/spec';
import { packageVersions } from '../cells/package-versions.ts';
import { type PreparedCell, runCell } from '../cells/run-cell.ts';
import { threadRegistry } from './thread-registry.ts';
import type { WorkerReply, WorkerSetup } from './worker-messages.ts';

// A worker thread of `runCells`: its own tfjs engine and its own registry.
const port = parentPort!;
const registryReady = threadRegistry(workerData as WorkerSetup);

port.on('message', async (cell: PreparedCell & { index: number }) => {
  const reply = (message: WorkerReply) => port.postMessage(message);
  try {
    const registry = await registryReady;
    let lastReport = 0;
    const result = await runCell(cell, registry, {
      versions: packageVersions(),
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastReport < 250) return;
        lastReport = now;
        reply({ kind: 'progress', index: cell.index, fraction });
      },
    });
    reply({ kind: 'result', index: cell.index, result });
  } catch (error) {
    reply({
      kind: 'error',
      index: cell.index,
      message: error instanceof Error ? error.message : String(error),
      code: QuadrantError.isInstance(error) ? error.code : undefined,
    });
  }
});
