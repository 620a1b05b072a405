import type { FigureJob } from './figure-renderer.ts';
import { type DrawnFigure, renderFigure } from './render-figure.ts';

/** A task of `createFigureRenderer`'s pool: draws one figure in a worker thread; a throw rejects that figure alone. */
export default function drawFigure(job: FigureJob): Promise<DrawnFigure> {
  return renderFigure(job.spec, job.png);
}
