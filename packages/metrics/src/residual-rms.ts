import { QuadrantError } from '@quadrant/spec';

/**
 * Root mean square of equation residuals √((1/N)·Σ r²): how far a prediction is from
 * satisfying its equation, with no reference needed. Non-finite residuals give Infinity or NaN.
 * @param residuals - [N] residuals (for a system, all equations' residuals stacked)
 * @throws QuadrantError `INPUT_INVALID` when N = 0
 */
export function residualRms(residuals: ArrayLike<number>): number {
  if (residuals.length === 0) throw new QuadrantError('INPUT_INVALID', 'residualRms: no residuals; give at least one point');
  let sum = 0;
  for (let i = 0; i < residuals.length; i++) sum += residuals[i]! * residuals[i]!;
  return Math.sqrt(sum / residuals.length);
}
