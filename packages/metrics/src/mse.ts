import { pooledErrorFigures } from './pooled-error-figures.ts';

/**
 * Mean squared error (1/N)·Σ(predicted − reference)².
 * Non-finite predictions give Infinity or NaN, never a throw.
 * @param predicted - [N] values at the reference's grid points
 * @param reference - [N] reference values
 * @throws QuadrantError `SHAPE_MISMATCH` when the lengths differ; `INPUT_INVALID` when N = 0
 */
export function mse(predicted: ArrayLike<number>, reference: ArrayLike<number>): number {
  return pooledErrorFigures('mse', [{ where: 'mse', predicted, reference }]).mse;
}
