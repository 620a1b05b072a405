import type { FirstOrderSystemV1 } from '@quadrant/spec';
import { Matrix, solve } from 'ml-matrix';
import { equationEvaluator, type StateSlot } from '../model/solution-state.ts';

/** The defect of an approximate solution on a grid and the error it causes, estimated. */
export interface DefectEstimate {
  /** `state[i * n + s]`: the approximate solution's first-order state at point i (n = state size). */
  readonly state: Float64Array;
  /** `error[i * n + s]`: the estimated error of that state entry at point i. */
  readonly error: Float64Array;
  /** `residual[i * slots + j]`: r_j = u_j^(m_j) − f_j at point i, for each unknown j. */
  readonly residual: Float64Array;
  /** `rhs[i * slots + j]`: f_j at point i. */
  readonly rhs: Float64Array;
}

/**
 * Estimates the error an equation residual causes, with no reference solution. An approximate
 * solution u meets u' = f(t, u) + r(t) exactly, r being its residual (the defect), so its error
 * e = u − y obeys e' = f(t, u) − f(t, u − e) + r ≈ J(t)e + r(t) with J = ∂f/∂y along u and
 * e(t0) = 0 when the initial condition is exact: the defect pushed through the linearised
 * equation, as defect-controlled ODE solvers estimate their global error (Enright, "A new
 * error-control for initial value solvers", 1989). The linear equation is integrated with the
 * implicit trapezoidal rule on the grid, which stays stable on stiff problems. Chaotic
 * systems amplify the defect, and the estimate amplifies with them.
 * @param t - increasing points, the first where e = 0 (the start of the domain or of a window)
 * @param jets - the solution's jets at `t` (`jets[k][i * outputs + column]`), orders up to the highest equation's
 * @param jacobian - ∂f/∂y of `system`, row-major (`system.jacobian`)
 */
export function propagateDefect(
  system: FirstOrderSystemV1,
  jacobian: NonNullable<FirstOrderSystemV1['jacobian']>,
  slots: readonly StateSlot[],
  t: Float64Array,
  jets: readonly Float64Array[],
  outputs: number,
): DefectEstimate {
  const n = system.names.length;
  const points = t.length;
  const state = new Float64Array(points * n);
  const error = new Float64Array(points * n);
  const residual = new Float64Array(points * slots.length);
  const rhs = new Float64Array(points * slots.length);
  const equations = equationEvaluator(system, slots);
  const jacobians: Float64Array[] = [];
  const forcing: Float64Array[] = [];
  for (let i = 0; i < points; i++) {
    equations.at(t[i]!, jets, i, outputs);
    state.set(equations.state, i * n);
    const force = new Float64Array(n);
    slots.forEach((slot, j) => {
      const equation = slot.base + slot.order - 1;
      rhs[i * slots.length + j] = equations.rhs[equation]!;
      residual[i * slots.length + j] = equations.residual[j]!;
      force[equation] = equations.residual[j]!;
    });
    const matrix = new Float64Array(n * n);
    jacobian(t[i]!, equations.state, matrix);
    jacobians.push(matrix);
    forcing.push(force);
  }
  // (I − h/2·J₊)e₊ = (I + h/2·J)e + h/2·(r + r₊)
  for (let i = 0; i + 1 < points; i++) {
    const h = t[i + 1]! - t[i]!;
    const left = new Matrix(n, n);
    const right = new Array<number>(n);
    for (let a = 0; a < n; a++) {
      let total = error[i * n + a]! + (h / 2) * (forcing[i]![a]! + forcing[i + 1]![a]!);
      for (let b = 0; b < n; b++) {
        total += (h / 2) * jacobians[i]![a * n + b]! * error[i * n + b]!;
        left.set(a, b, (a === b ? 1 : 0) - (h / 2) * jacobians[i + 1]![a * n + b]!);
      }
      right[a] = total;
    }
    const next = solve(left, Matrix.columnVector(right)).to1DArray();
    for (let a = 0; a < n; a++) error[(i + 1) * n + a] = next[a]!;
  }
  return { state, error, residual, rhs };
}
