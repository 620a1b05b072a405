import { defineSolver } from '@quadrant/spec';
import { type FixedStep, type FixedStepOptions, fixedStepOptions, fixedStepSolve } from './fixed-step-solve.ts';

// Classical Runge–Kutta: k1 = f(t, y), k2 = f(t + h/2, y + h/2·k1), k3 = f(t + h/2, y + h/2·k2),
// k4 = f(t + h, y + h·k3); y ← y + h/6·(k1 + 2k2 + 2k3 + k4).
const rk4Step: FixedStep = (rhs, t, h, y, [k1, k2, k3, k4, stage]) => {
  const n = y.length;
  rhs.evaluate(t, y, k1!);
  for (let c = 0; c < n; c++) stage![c] = y[c]! + (h / 2) * k1![c]!;
  rhs.evaluate(t + h / 2, stage!, k2!);
  for (let c = 0; c < n; c++) stage![c] = y[c]! + (h / 2) * k2![c]!;
  rhs.evaluate(t + h / 2, stage!, k3!);
  for (let c = 0; c < n; c++) stage![c] = y[c]! + h * k3![c]!;
  rhs.evaluate(t + h, stage!, k4!);
  for (let c = 0; c < n; c++) y[c] = y[c]! + (h / 6) * (k1![c]! + 2 * k2![c]! + 2 * k3![c]! + k4![c]!);
};

/**
 * Classical fourth-order Runge–Kutta with a fixed step (`rk4`): global error O(h⁴), four
 * right-hand-side evaluations per step. Options `{ steps?: positive integer }`: total steps
 * from t0 to the last grid point, at least; default one step per grid interval.
 * @throws QuadrantError `SOLVER_FAILED` when the right-hand side turns non-finite (the message names t);
 *   `INPUT_INVALID` for a grid that is not strictly increasing or starts before t0
 */
export const rk4Solver = defineSolver<FixedStepOptions>({
  name: 'rk4',
  description: 'Classical fourth-order Runge–Kutta with a fixed step (options: steps)',
  options: fixedStepOptions,
  solve: (system, request, options) => fixedStepSolve('rk4', rk4Step, 5, system, request, options),
});
