import type { OptimiserStateV1, WeightingStateV1 } from '@quadrant/spec';
import { z } from 'zod';

/**
 * Where training stood when a model was saved, to continue from it as if it had never stopped
 * (`train`'s `initialModel`): the epochs run, the active optimiser phase with the epoch it
 * began and its plateau tracking, and that phase's optimiser state. A checkpoint belongs to the
 * model's last weights; a diverged run (whose model holds its best weights) has none.
 */
export const trainingCheckpointSchema = z.strictObject({
  /** Epochs run, which is the index of the next epoch: sampling and learning-rate schedules continue from it. */
  epoch: z.int().nonnegative(),
  /** Index of the active one among the settings' first-order optimiser phases; their number when they are done. */
  phase: z.int().nonnegative(),
  /** Epoch at which that phase began. */
  phaseStart: z.int().nonnegative(),
  /** The phase's best loss so far for the plateau stop (null before it has one). */
  phaseBest: z.number().nullable(),
  /** Epoch of `phaseBest`. */
  phaseBestEpoch: z.int().nonnegative(),
  /** The phase's optimiser state (null for an optimiser without one: it starts afresh). */
  optimiser: z.strictObject({ optimiser: z.string(), version: z.int().positive(), data: z.record(z.string(), z.json()) }).nullable(),
  /** The weighting scheme's state (absent or null for a scheme without one, or a checkpoint from before weightings: it starts afresh). */
  weighting: z
    .strictObject({ weighting: z.string(), version: z.int().positive(), data: z.record(z.string(), z.json()) })
    .nullable()
    .optional(),
});

/** A training checkpoint (see `trainingCheckpointSchema`); `source` says where it was read from, for messages. */
export type TrainingCheckpoint = Omit<z.output<typeof trainingCheckpointSchema>, 'optimiser' | 'weighting'> & {
  readonly optimiser: OptimiserStateV1 | null;
  readonly weighting?: WeightingStateV1 | null | undefined;
  readonly source?: string;
};
