import type { DrawnFigure, FigureJob } from './figure-renderer.ts';
import { renderFigure } from './render-figure.ts';

/** A task of `createFigureRenderer`'s pool: draws one figure in a worker thread; a throw rejects that figure alone. */
export default async function drawFigure(job: FigureJob): Promise<DrawnFigure> {
  const { svg, png } = await renderFigure(job.spec, job.font);
  return png === undefined ? { svg } : { svg, png };
}
