import type { LossContextV1, LossTermV1, OptimiserV1, Problem, SamplerV1, WeightingV1 } from '@quadrant/spec';
import type { TrainedModel } from '../model/trained-model.ts';
import type { Registry } from '../registry/registry.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';

/** Observations to train on, as numbers. */
export interface TrainingData {
  /** Points of the independent variable, [M]. */
  readonly t: Float64Array;
  /** Observed values per unknown, [M] each. */
  readonly values: Readonly<Record<string, Float64Array>>;
}

/** What a run reports after each epoch. */
export interface EpochInfo {
  /** 0-based index of the epoch just run. */
  readonly epoch: number;
  /** Total loss before the epoch's update. */
  readonly total: number;
  /** Each term's unweighted value, by name. */
  readonly terms: Readonly<Record<string, number>>;
}

/** What `train` needs besides the problem and the settings. */
export interface TrainingOptions {
  /** Where names of the settings are looked up. */
  readonly registry: Registry;
  /** Observations for terms that need them (default: the problem's `data`). */
  readonly data?: TrainingData;
  readonly callbacks?: TrainingCallbacks;
  /** Aborting ends the run after the current epoch (status `stopped`). */
  readonly signal?: AbortSignal;
  /**
   * Continue from this model (one saved with `saveModel` and read back with `loadModel`, say):
   * the network starts from its weights and learnable parameters from its values. Its
   * variables must have the shapes of the network the settings build; a marched model (more
   * than one piece) cannot be continued. When the model has a checkpoint (a model `train`
   * returned, or one saved in format 4 by a run that did not diverge), training also continues
   * from it: from its epoch (sampling, learning-rate schedules and the causal residual's epochs
   * go on from there), in its optimiser phase, with the optimiser's state restored, for
   * `settings.epochs` more epochs; with the same settings, N epochs and then N more step as one
   * run of 2N does. Without one, the optimisers start afresh at epoch 0.
   */
  readonly initialModel?: TrainedModel;
}

/** Hooks into a run. */
export interface TrainingCallbacks {
  /** After every epoch; returning `'stop'` ends the run (status `stopped`). */
  onEpoch?(info: EpochInfo): undefined | 'stop';
  /** Share of the work done, 0 to 1, every `logEvery` epochs (or window) and at the end. */
  onProgress?(fraction: number): void;
}

/** Loss history, sampled every `logEvery` epochs (and at the last epoch). */
export interface TrainingHistory {
  readonly epoch: number[];
  readonly total: number[];
  /** Unweighted values per term, aligned with `epoch`. */
  readonly terms: Record<string, number[]>;
}

/** One optimiser phase, resolved against the registry. */
export interface PlannedPhase {
  readonly entry: OptimiserV1;
  readonly options: unknown;
  readonly epochs: number | undefined;
}

/** Everything a run decided before training: checked settings resolved against the registry. */
export interface TrainingPlan {
  readonly problem: Problem;
  readonly settings: TrainingSettings;
  readonly registry: Registry;
  readonly context: LossContextV1;
  readonly lossTerms: readonly { readonly name: string; readonly weight: number; readonly entry: LossTermV1; readonly options: unknown }[];
  readonly sampler: { readonly entry: SamplerV1; readonly options: unknown };
  readonly weighting: { readonly entry: WeightingV1; readonly options: unknown };
  /** First-order phases (tfjs), in order. */
  readonly phases: readonly PlannedPhase[];
  /** A last phase that minimises the residual vector in float64 (Levenberg–Marquardt), if any. */
  readonly leastSquares: PlannedPhase | undefined;
  /** Starting value of every parameter (learnable ones included). */
  readonly parameterStart: Readonly<Record<string, number>>;
  readonly logEvery: number;
  readonly callbacks: TrainingCallbacks | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Records one history point. */
export function recordHistory(history: TrainingHistory, epoch: number, total: number, terms: Readonly<Record<string, number>>): void {
  history.epoch.push(epoch);
  history.total.push(total);
  for (const [name, value] of Object.entries(terms)) {
    history.terms[name] ??= [];
    history.terms[name].push(value);
  }
}
