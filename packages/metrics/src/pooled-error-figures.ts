import { QuadrantError } from '@quadrant/spec';
import { checkSameLength } from './check-same-length.ts';

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

/** A predicted series, its reference, and how to name the pair in messages. */
export interface SeriesPair {
  readonly where: string;
  readonly predicted: ArrayLike<number>;
  readonly reference: ArrayLike<number>;
}

/**
 * The error figures of one or more series pooled into one stacked vector, in one pass.
 * Math.max (not `>`) keeps a NaN error visible in maxAbs instead of skipping it.
 * @throws QuadrantError `SHAPE_MISMATCH` when a pair's lengths differ; `INPUT_INVALID` when there are no points
 */
export function pooledErrorFigures(where: string, pairs: readonly SeriesPair[]): ErrorFigures {
  let count = 0;
  let squaredError = 0;
  let squaredReference = 0;
  let maxAbs = 0;
  for (const pair of pairs) {
    checkSameLength(pair.where, pair.predicted, pair.reference);
    for (let i = 0; i < pair.reference.length; i++) {
      const error = pair.predicted[i]! - pair.reference[i]!;
      squaredError += error * error;
      squaredReference += pair.reference[i]! * pair.reference[i]!;
      maxAbs = Math.max(maxAbs, Math.abs(error));
    }
    count += pair.reference.length;
  }
  if (count === 0) throw new QuadrantError('INPUT_INVALID', `${where}: no points to compare; give series of at least one point`);
  const mse = squaredError / count;
  const errorNorm = Math.sqrt(squaredError);
  return { mse, rmse: Math.sqrt(mse), relativeL2: squaredReference === 0 ? errorNorm : errorNorm / Math.sqrt(squaredReference), maxAbs };
}
