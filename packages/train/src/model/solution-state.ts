import type { FirstOrderSystemV1, Problem } from '@quadrant/spec';

/** Where each unknown sits: its network output column, its order and its first slot in the first-order state. */
export interface StateSlot {
  readonly name: string;
  /** Output column of the network. */
  readonly column: number;
  readonly order: number;
  /** Index of the unknown's value in the first-order state (its derivatives follow it). */
  readonly base: number;
}

/** The first-order state layout of a problem: for each unknown u of order m, u, u', …, u^(m−1), as `reduceOrder` lays it out. */
export function stateSlots(problem: Problem): StateSlot[] {
  let base = 0;
  return problem.unknowns.map((unknown, column) => {
    const slot = { name: unknown.name, column, order: unknown.order, base };
    base += unknown.order;
    return slot;
  });
}

/** A first-order system's equations evaluated on a solution's jets, one point at a time. */
export interface EquationEvaluator {
  /** The first-order state at the last point evaluated (its unknowns and their derivatives below each order). */
  readonly state: Float64Array;
  /** f(t, state) at that point, one entry per state component. */
  readonly rhs: Float64Array;
  /** r_j = u_j^(m_j) − f_j at that point, one entry per unknown (in the order of the slots). */
  readonly residual: Float64Array;
  /** Evaluates at point `point` of jets laid out as `Float64JetsV1.jets` (`jets[k][point * outputs + column]`), at time t. */
  at(t: number, jets: readonly Float64Array[], point: number, outputs: number): void;
}

/**
 * An evaluator of `system` (the problem's first-order system, as `reduceOrder` lays it out) on
 * a solution's jets: the residual of each equation, the one piece that the model's residual,
 * the verdict and the least-squares fit all read. Its arrays are reused from point to point.
 */
export function equationEvaluator(system: FirstOrderSystemV1, slots: readonly StateSlot[]): EquationEvaluator {
  const n = system.names.length;
  const state = new Float64Array(n);
  const rhs = new Float64Array(n);
  const residual = new Float64Array(slots.length);
  return {
    state,
    rhs,
    residual,
    at(t, jets, point, outputs) {
      for (const slot of slots) {
        for (let k = 0; k < slot.order; k++) state[slot.base + k] = jets[k]![point * outputs + slot.column]!;
      }
      system.rhs(t, state, rhs);
      slots.forEach((slot, j) => {
        residual[j] = jets[slot.order]![point * outputs + slot.column]! - rhs[slot.base + slot.order - 1]!;
      });
    },
  };
}
