import { type OptimiserInstanceV1, QuadrantError } from '@quadrant/spec';
import type { Variable } from '@tensorflow/tfjs-core';
import type { TrainingCheckpoint } from '../model/training-checkpoint.ts';
import type { PlannedPhase } from './training-plan.ts';

/** The optimiser phase that is running. */
export interface ActivePhase {
  /** Index among the plan's first-order phases. */
  readonly index: number;
  /** The optimiser's registry name (`adam`). */
  readonly name: string;
  readonly optimiser: OptimiserInstanceV1;
  /** Epoch at which the phase began. */
  readonly start: number;
  /** Epoch at which it gives way to the next: its `epochs` after `start`; the end of the run for the last. */
  readonly end: number;
  readonly last: boolean;
  /** The phase's best loss so far for the plateau stop (`Infinity` before it has one), kept in checkpoints. */
  best: number;
  /** Epoch of `best` (the phase's start before it has one). */
  bestEpoch: number;
}

/** Which optimiser phase is active, when the next one starts, and where the phases stand. */
export interface PhaseRunner {
  /** The phase epoch `epoch` runs in: a phase whose epochs are done gives way to the next (the last runs to the end). */
  enter(epoch: number): ActivePhase;
  /** Ends the active phase early and starts the next one at `epoch`; false, starting nothing, when the active phase is the last. */
  next(epoch: number): boolean;
  /** Where training stands after `epoch` epochs, to continue from: the active phase, its plateau tracking and its optimiser's state. */
  checkpoint(epoch: number): TrainingCheckpoint;
  /** Frees the active phase's optimiser. */
  dispose(): void;
}

/**
 * Runs `phases` over `variables` up to epoch `end`, each phase its `epochs`, the last until
 * `end`; a phase's optimiser is built when the phase starts and freed when it ends. From a
 * checkpoint it starts in the checkpoint's phase, as it stood (start, plateau tracking), with
 * the optimiser's saved state restored; else in the first phase at epoch 0.
 * @throws QuadrantError `ARTEFACT_INVALID` for a checkpoint whose optimiser state does not fit the phase's optimiser
 */
export function createPhaseRunner(phases: readonly PlannedPhase[], variables: readonly Variable[], end: number, checkpoint?: TrainingCheckpoint): PhaseRunner {
  let active: ActivePhase | undefined;
  const begin = (index: number, start: number): ActivePhase => {
    active?.optimiser.dispose();
    const phase = phases[index]!;
    const last = index === phases.length - 1;
    active = {
      index,
      name: phase.entry.name,
      optimiser: phase.entry.create(variables, phase.options),
      start,
      end: last ? end : Math.min(end, start + phase.epochs!),
      last,
      best: Number.POSITIVE_INFINITY,
      bestEpoch: start,
    };
    return active;
  };
  if (checkpoint === undefined) begin(0, 0);
  else {
    const restored = begin(checkpoint.phase, checkpoint.phaseStart);
    restored.best = checkpoint.phaseBest ?? Number.POSITIVE_INFINITY;
    restored.bestEpoch = checkpoint.phaseBestEpoch;
    try {
      if (checkpoint.optimiser !== null) restoreOptimiser(restored.optimiser, restored.name, checkpoint);
    } catch (error) {
      restored.optimiser.dispose();
      throw error;
    }
  }
  return {
    enter(epoch) {
      let phase = active!;
      while (epoch >= phase.end && !phase.last) phase = begin(phase.index + 1, epoch);
      return phase;
    },
    next(epoch) {
      if (active!.last) return false;
      begin(active!.index + 1, epoch);
      return true;
    },
    checkpoint(epoch) {
      const { index, start, best, bestEpoch, optimiser } = active!;
      return {
        epoch,
        phase: index,
        phaseStart: start,
        phaseBest: Number.isFinite(best) ? best : null,
        phaseBestEpoch: bestEpoch,
        optimiser: optimiser.state?.() ?? null,
      };
    },
    dispose() {
      active?.optimiser.dispose();
      active = undefined;
    },
  };
}

/**
 * Restores a checkpoint's optimiser state into the phase's optimiser.
 * @throws QuadrantError `ARTEFACT_INVALID` naming the checkpoint's source when the state is of another optimiser or does not fit
 */
function restoreOptimiser(optimiser: OptimiserInstanceV1, name: string, checkpoint: TrainingCheckpoint): void {
  const where = `${checkpoint.source ?? 'initial model'}: optimiser phase ${checkpoint.phase} (${name})`;
  if (optimiser.restore === undefined)
    throw new QuadrantError(
      'ARTEFACT_INVALID',
      `${where}: a saved optimiser state, and '${name}' keeps none; continue with the optimisers it was trained with`,
    );
  try {
    optimiser.restore(checkpoint.optimiser!);
  } catch (error) {
    if (!QuadrantError.isInstance(error)) throw error;
    throw new QuadrantError(error.code, `${where}: ${error.message}`, { cause: error });
  }
}
