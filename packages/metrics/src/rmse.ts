import { pooledErrorFigures } from './pooled-error-figures.ts';

/**
 * Root mean squared error √((1/N)·Σ(predicted − reference)²), in the units of the values.
 * Non-finite predictions give Infinity or NaN, never a throw.
 * @param predicted - [N] values at the reference's grid points
 * @param reference - [N] reference values
 * @throws QuadrantError `SHAPE_MISMATCH` when the lengths differ; `INPUT_INVALID` when N = 0
 */
export function rmse(predicted: ArrayLike<number>, reference: ArrayLike<number>): number {
  return pooledErrorFigures('rmse', [{ where: 'rmse', predicted, reference }]).rmse;
}
