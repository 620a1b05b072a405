import { pooledErrorFigures } from './pooled-error-figures.ts';

/**
 * Largest absolute error max |predicted − reference| (NaN when any prediction is NaN).
 * Non-finite predictions give Infinity or NaN, never a throw.
 * @param predicted - [N] values at the reference's grid points
 * @param reference - [N] reference values
 * @throws QuadrantError `SHAPE_MISMATCH` when the lengths differ; `INPUT_INVALID` when N = 0
 */
export function maxAbsError(predicted: ArrayLike<number>, reference: ArrayLike<number>): number {
  return pooledErrorFigures('maxAbsError', [{ where: 'maxAbsError', predicted, reference }]).maxAbs;
}
