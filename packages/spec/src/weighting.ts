import type { ZodType } from 'zod';
import type { JsonValueV1 } from './optimiser.ts';

/** What a weighting scheme sees after each epoch. */
export interface WeightingStepV1 {
  /** The epoch just run (from 0). */
  readonly epoch: number;
  /** Each term's unweighted value at that epoch, in the run's term order. */
  readonly values: readonly number[];
  /**
   * Each term's gradient with respect to the trainable weights, summarised: the largest and
   * the mean absolute component of ∇θ term (unweighted). Costs one backward pass per term, so
   * schemes that need it call it only every few epochs; schemes that do not never call it.
   */
  gradientStatistics(): readonly { readonly max: number; readonly mean: number }[];
}

/**
 * A weighting scheme's state between epochs, JSON-safe, saved beside a model so that training
 * continued from it weights the terms as the uninterrupted run would. `version` numbers the
 * layout of `data`; `restore` refuses a state of another scheme or version.
 */
export interface WeightingStateV1 {
  /** The scheme's registry name (`relobralo`). */
  readonly weighting: string;
  readonly version: number;
  readonly data: { readonly [key: string]: JsonValueV1 };
}

/** A built weighting scheme for one run's terms. */
export interface WeightingInstanceV1 {
  /**
   * The factors the terms' own weights are multiplied by in the next epoch, in term order
   * (positive and finite); all 1 before the first update.
   */
  factors(): readonly number[];
  /** Takes the epoch just run into account. */
  update(step: WeightingStepV1): void;
  /** Its state after the updates so far; absent for a scheme that carries none. */
  state?(): WeightingStateV1;
  /**
   * Continues from a state `state()` gave, for the same terms, before any update.
   * @throws QuadrantError `ARTEFACT_INVALID` for a state of another scheme, version or number of terms
   */
  restore?(state: WeightingStateV1): void;
}

/**
 * A loss-balancing scheme (`fixed`, `lr-annealing`, `relobralo`, `softadapt`): how the weights of
 * the loss terms move during training. The total loss is Σ weight_i · factor_i · term_i, where
 * weight_i is the term's weight in the settings and factor_i comes from the scheme.
 */
export interface WeightingV1<Options = unknown> {
  readonly specVersion: 'v1';
  readonly name: string;
  readonly description: string;
  readonly options: ZodType<Options>;
  /** `terms`: the run's term names in order; `seed`: the run's seed, for schemes that draw random numbers. */
  create(context: { readonly terms: readonly string[]; readonly seed: number }, options: Options): WeightingInstanceV1;
}
