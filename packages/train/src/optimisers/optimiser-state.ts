import { type OptimiserStateV1, QuadrantError } from '@quadrant/spec';
import { tensor, tidy, type Variable } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { checkArtefact } from '../model/check-artefact.ts';

/** Per-variable values as saved: one array of plain numbers per variable, in the variables' order. */
export const savedSlots = z.array(z.array(z.number()));

/**
 * The `data` of a saved optimiser state, checked against the optimiser that restores it: its
 * name, its layout version, then `schema`.
 * @throws QuadrantError `ARTEFACT_INVALID` naming what differs
 */
export function readOptimiserState<T>(state: OptimiserStateV1, optimiser: string, version: number, schema: z.ZodType<T>): T {
  if (state.optimiser !== optimiser) throw new QuadrantError('ARTEFACT_INVALID', `the state of optimiser '${state.optimiser}' cannot continue '${optimiser}'`);
  if (state.version !== version) {
    throw new QuadrantError(
      'ARTEFACT_INVALID',
      `${optimiser} state version ${state.version} is not the one this release reads (${version}); continue with the release that saved it, or without the state`,
    );
  }
  return checkArtefact(schema, state.data, `${optimiser} state`);
}

/** The values of per-variable slots (moments, momentum buffers) as plain numbers. */
export function slotValues(slots: readonly Variable[]): number[][] {
  return slots.map((each) => Array.from(each.dataSync()));
}

/**
 * Writes saved per-variable values back into slots of the same sizes.
 * @param what - the slots' name in the message (`adam state: firstMoments`)
 * @throws QuadrantError `ARTEFACT_INVALID` when their number or a size differs
 */
export function restoreSlots(slots: readonly Variable[], saved: readonly (readonly number[])[], what: string): void {
  if (saved.length !== slots.length) throw new QuadrantError('ARTEFACT_INVALID', `${what}: ${saved.length} variables saved, ${slots.length} optimised`);
  const misfit = saved.findIndex((values, i) => values.length !== slots[i]!.size);
  if (misfit >= 0)
    throw new QuadrantError('ARTEFACT_INVALID', `${what}.${misfit}: ${saved[misfit]!.length} values saved for a variable of ${slots[misfit]!.size}`);
  tidy(() => {
    slots.forEach((slot, i) => {
      slot.assign(tensor(Float32Array.from(saved[i]!), slot.shape));
    });
  });
}
