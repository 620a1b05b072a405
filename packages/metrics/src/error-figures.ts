import { pooledErrorFigures } from './pooled-error-figures.ts';

/** The four error figures of a prediction against a reference. */
export interface ErrorFigures {
  /** Mean squared error (1/N)·Σ(p − r)². */
  readonly mse: number;
  /** Root mean squared error √mse, in the units of the values. */
  readonly rmse: number;
  /** ‖p − r‖₂ / ‖r‖₂; the absolute ‖p − r‖₂ when the reference is all zeros. */
  readonly relativeL2: number;
  /** max |p − r|. */
  readonly maxAbs: number;
}

/**
 * All four error figures of `predicted` against `reference` in one pass: what a results
 * table reports. A non-finite prediction gives Infinity or NaN figures, never a throw, so a
 * diverged run is reported as such.
 * @param predicted - [N] values at the reference's grid points
 * @param reference - [N] reference values
 * @throws QuadrantError `SHAPE_MISMATCH` when the lengths differ; `INPUT_INVALID` when N = 0
 */
export function errorFigures(predicted: ArrayLike<number>, reference: ArrayLike<number>): ErrorFigures {
  return pooledErrorFigures('errorFigures', [{ where: 'errorFigures', predicted, reference }]);
}
