import type { Problem } from '@quadrant/spec';

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

/**
 * Writes the first-order state at point `point` from jets laid out as `Float64JetsV1.jets`
 * (`jets[k][point * outputs + column]`) into `state`.
 */
export function fillState(slots: readonly StateSlot[], jets: readonly Float64Array[], point: number, outputs: number, state: Float64Array): void {
  for (const slot of slots) {
    for (let k = 0; k < slot.order; k++) state[slot.base + k] = jets[k]![point * outputs + slot.column]!;
  }
}
