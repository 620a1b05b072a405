import { defineSolver } from '@quadrant/spec';
import { type FixedStep, type FixedStepOptions, fixedStepOptions, fixedStepSolve } from './fixed-step-solve.ts';

// Explicit Euler: y ← y + h·f(t, y).
const eulerStep: FixedStep = (rhs, t, h, y, [slope]) => {
  rhs.evaluate(t, y, slope!);
  for (let c = 0; c < y.length; c++) y[c] = y[c]! + h * slope![c]!;
};

/**
 * Explicit Euler with a fixed step (`euler`): global error O(h), one right-hand-side
 * evaluation per step; a baseline, not a reference. Options as `rk4`: `{ steps?: positive integer }`.
 * @throws QuadrantError `SOLVER_FAILED` when the right-hand side turns non-finite (the message names t);
 *   `INPUT_INVALID` for a grid that is not strictly increasing or starts before t0
 */
export const eulerSolver = defineSolver<FixedStepOptions>({
  name: 'euler',
  description: 'Explicit Euler with a fixed step (options: steps)',
  options: fixedStepOptions,
  solve: (system, request, options) => fixedStepSolve('euler', eulerStep, 1, system, request, options),
});
