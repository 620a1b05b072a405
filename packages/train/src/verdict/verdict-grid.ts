import type { TrainingSettings } from '../settings/training-settings-schema.ts';

/** Collocation points per window: the sampler's `points` option where it has one, else the built-in samplers' default (128). */
export function collocationCount(settings: Pick<TrainingSettings, 'sampler'>): number {
  const points = settings.sampler.options.points;
  return typeof points === 'number' && Number.isInteger(points) && points > 0 ? points : 128;
}

/** `count` + 1 evenly spaced points from `start` to `end`, both included. */
export function windowGrid(start: number, end: number, count: number): Float64Array {
  return Float64Array.from({ length: count + 1 }, (_, i) => (i === count ? end : start + ((end - start) * i) / count));
}

/**
 * The grid a model is judged on: in every window, `verdict.density` times as many intervals as
 * collocation points, evenly spaced, every window's ends included (each join once).
 */
export function verdictGrid(
  model: { readonly pieces: readonly { readonly start: number; readonly end: number }[] },
  settings: Pick<TrainingSettings, 'sampler' | 'verdict'>,
): Float64Array {
  const count = settings.verdict.density * collocationCount(settings);
  const points: number[] = [];
  model.pieces.forEach((piece, index) => {
    const grid = windowGrid(piece.start, piece.end, count);
    points.push(...(index === 0 ? grid : grid.subarray(1)));
  });
  return Float64Array.from(points);
}
