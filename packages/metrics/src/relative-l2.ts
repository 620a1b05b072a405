import { pooledErrorFigures } from './pooled-error-figures.ts';

/**
 * Relative L2 error ‖predicted − reference‖₂ / ‖reference‖₂ on one grid. When the reference is all zeros the ratio is undefined and the absolute error ‖predicted − reference‖₂ is returned instead.
 * Non-finite predictions give Infinity or NaN, never a throw.
 * @param predicted - [N] values at the reference's grid points
 * @param reference - [N] reference values
 * @throws QuadrantError `SHAPE_MISMATCH` when the lengths differ; `INPUT_INVALID` when N = 0
 */
export function relativeL2(predicted: ArrayLike<number>, reference: ArrayLike<number>): number {
  return pooledErrorFigures('relativeL2', [{ where: 'relativeL2', predicted, reference }]).relativeL2;
}
