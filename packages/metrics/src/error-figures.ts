import { type ErrorFigures, pooledErrorFigures } from './pooled-error-figures.ts';

export type { ErrorFigures };

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
