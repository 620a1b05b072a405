import { compileProblem } from '@quadrant/equations';
import { stateSlots } from '../model/solution-state.ts';
import type { TrainedModel } from '../model/trained-model.ts';
import { propagateDefect } from './propagate-defect.ts';

/** Whether a run found the solution, judged without a reference. */
export interface Verdict {
  /** `solved` when the estimated relative L2 error is at most `tolerance`. */
  readonly status: 'solved' | 'unsolved';
  /** The relative L2 error of the values over the grid, estimated from the residual (`propagateDefect`). */
  readonly estimatedError: number;
  readonly tolerance: number;
  /** The largest residual relative to its equation's scale (the largest |f_j| and |u_j^(m)| on the grid), and where. */
  readonly worstResidual: { readonly value: number; readonly t: number; readonly unknown: string };
  /** Points of the grid it was judged on. */
  readonly points: number;
}

/** The first-order system of a model's problem with its parameter values, and its Jacobian. */
export function modelSystem(model: Pick<TrainedModel, 'problem' | 'parameters'>) {
  const { system } = compileProblem(model.problem, model.parameters);
  const jacobian = system.jacobian;
  if (jacobian === undefined) throw new Error('compiled problems carry the Jacobian of their right-hand side');
  return { system, jacobian };
}

/**
 * Judges a trained model on `grid` (increasing, from the domain's start, fine enough to see
 * between the collocation points): the residual's effect on the solution is estimated by
 * `propagateDefect`, and the run is `solved` when that estimate, relative to the solution's L2
 * norm, is at most `tolerance`. A network sitting on a fixed point of the equation (y = 0 of
 * logistic growth) has a large residual where it leaves the initial value, which the
 * linearised equation carries into a large error: unsolved.
 */
export function judgeSolution(model: TrainedModel, grid: Float64Array, tolerance: number): Verdict {
  const { system, jacobian } = modelSystem(model);
  const slots = stateSlots(model.problem);
  const outputs = slots.length;
  const order = Math.max(...slots.map((slot) => slot.order));
  const estimate = propagateDefect(system, jacobian, slots, grid, model.jets(grid, order), outputs);
  const n = system.names.length;
  let errorSquares = 0;
  let valueSquares = 0;
  for (let i = 0; i < grid.length; i++) {
    for (const slot of slots) {
      errorSquares += estimate.error[i * n + slot.base]! ** 2;
      valueSquares += estimate.state[i * n + slot.base]! ** 2;
    }
  }
  const estimatedError = Math.sqrt(errorSquares / Math.max(valueSquares, Number.MIN_VALUE));
  const worstResidual = { value: 0, t: grid[0]!, unknown: slots[0]!.name };
  slots.forEach((slot, j) => {
    let scale = 0;
    for (let i = 0; i < grid.length; i++)
      scale = Math.max(scale, Math.abs(estimate.rhs[i * outputs + j]!), Math.abs(estimate.rhs[i * outputs + j]! + estimate.residual[i * outputs + j]!));
    for (let i = 0; i < grid.length; i++) {
      const value = Math.abs(estimate.residual[i * outputs + j]!) / Math.max(scale, Number.MIN_VALUE);
      if (!(value <= worstResidual.value)) Object.assign(worstResidual, { value, t: grid[i]!, unknown: slot.name });
    }
  });
  const solved = Number.isFinite(estimatedError) && estimatedError <= tolerance && Number.isFinite(worstResidual.value);
  return { status: solved ? 'solved' : 'unsolved', estimatedError, tolerance, worstResidual, points: grid.length };
}
