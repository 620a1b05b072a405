import { parentPort } from 'node:worker_threads';
import { renderFigure } from './render-figure.ts';
import type { FigureJob, FigureReply } from './figure-renderer.ts';

// A worker thread of `createFigureRenderer`: draws the figures it is sent, one at a time.
const port = parentPort!;
port.on('message', async (job: FigureJob) => {
  try {
    const { svg, png } = await renderFigure(job.spec, job.font);
    port.postMessage({ id: job.id, svg, ...(png === undefined ? {} : { png }) } satisfies FigureReply);
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies FigureReply);
  }
});
