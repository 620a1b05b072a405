import { z } from 'zod';

const entryOptions = z.record(z.string(), z.unknown()).default({});

/**
 * Sizes the settings may not exceed, refused when they are parsed, before training starts:
 * 10^7 epochs is days of training at the measured 100–500 epochs/s, 20× the article's 10^4;
 * each marching window holds a network of its own; the verdict's grid is `density` × the points.
 */
export const settingsLimits = {
  epochs: 10_000_000,
  windows: 1000,
  density: 100,
} as const;

const epochCount = z.int().positive().max(settingsLimits.epochs, `exceeds the limit of ${settingsLimits.epochs} epochs`);
const windowCount = z.int().positive().max(settingsLimits.windows, `exceeds the limit of ${settingsLimits.windows} windows`);

/** Values per range a bundle's residual is sampled at when the settings do not say. */
export const bundlePointsDefault = 12;

/**
 * The training settings of one run. Presets supply most of them; a run's explicit settings
 * override field by field (`resolveSettings`). Names of entries are looked up in the run's
 * registry; their `options` are validated by each entry's own schema.
 */
export const trainingSettingsSchema = z.strictObject({
  /** Seeds the network's weights and the samplers: the same seed gives the same run on one backend. */
  seed: z.int().nonnegative().default(0),
  /** Total epochs (optimiser steps) at most, over all optimiser phases. */
  epochs: epochCount.default(1000),
  architecture: z
    .strictObject({
      name: z.string().min(1).default('mlp'),
      /** Passed to the architecture's options schema. */
      options: entryOptions,
    })
    .default({ name: 'mlp', options: {} }),
  /** `exact`: the network is wrapped into a trial solution that meets the initial values by construction; `soft`: it is not (add the `initial-condition` term). */
  initialCondition: z.enum(['soft', 'exact']).default('soft'),
  /**
   * The trial solution of `initialCondition: 'exact'`, y = Σ_k y^(k)(t0)(t − t0)^k/k! + g(t)^m·N(t)
   * for an unknown of order m. `exponential`: g = 1 − exp(−(t − t0)/τ) with τ = `timescale` × the
   * domain's length, so g levels off at 1 and the network carries the solution itself past the
   * first τ; `polynomial`: g = t − t0, which grows along the domain.
   */
  trialSolution: z
    .strictObject({
      factor: z.enum(['exponential', 'polynomial']).default('exponential'),
      timescale: z.number().positive().default(0.1),
    })
    .default({ factor: 'exponential', timescale: 0.1 }),
  /**
   * `domain`: the network sees the training domain mapped onto [−1, 1] (derivatives follow by
   * the chain rule), which keeps long domains such as [0, 12] trainable; `none`: it sees t as is.
   */
  inputScaling: z.enum(['domain', 'none']).default('domain'),
  /** `shared`: one network with one output per unknown; `per-unknown`: one network of the architecture per unknown, side by side. */
  networks: z.enum(['shared', 'per-unknown']).default('shared'),
  /** Loss terms by registry name, each with its weight and options; the total loss is Σ weight·term. */
  losses: z
    .record(
      z.string().min(1),
      z.strictObject({
        weight: z.number().nonnegative().default(1),
        options: entryOptions,
      }),
    )
    .default({ residual: { weight: 1, options: {} }, 'initial-condition': { weight: 1, options: {} } }),
  /**
   * How the terms' weights move during training: each term's `weight` above is multiplied by a
   * factor the scheme updates as training goes (`lr-annealing`, `relobralo`, `softadapt`), or
   * kept (`fixed`, the default). Beside `losses` rather than inside it, since `losses` is keyed by term names.
   */
  weighting: z
    .strictObject({
      name: z.string().min(1).default('fixed'),
      options: entryOptions,
    })
    .default({ name: 'fixed', options: {} }),
  /** Where the collocation points come from. */
  sampler: z
    .strictObject({
      name: z.string().min(1).default('grid'),
      options: entryOptions,
    })
    .default({ name: 'grid', options: {} }),
  /** Optimiser phases in order; each runs `epochs` epochs, the last one until the run's `epochs`. */
  optimisers: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        epochs: epochCount.optional(),
        options: entryOptions,
      }),
    )
    .min(1)
    .default([{ name: 'adam', options: {} }]),
  /** Early stopping without a reference solution. */
  stop: z
    .strictObject({
      /** Stop once the total loss falls below this. */
      lossBelow: z.number().positive().optional(),
      /**
       * Stop when the best loss of the last optimiser phase has not improved by the `relative`
       * share for `patience` epochs (earlier phases always run their epochs).
       */
      plateau: z.strictObject({ patience: z.int().positive(), relative: z.number().nonnegative().default(1e-4) }).optional(),
    })
    .default({}),
  /**
   * How the domain is covered. `single`: one network over the whole domain. `marching`: windows
   * in t, one after another, each a network whose initial condition (values and derivatives
   * below each equation's order; exact or soft as `initialCondition` says) is the previous
   * window's end, started from the previous window's weights; `epochs` and the optimiser phases
   * apply to each window. It trains on the equation alone (no data terms).
   * `windows: 'auto'` starts with `initialWindows` equal windows and, like a classical solver's
   * step control, halves a window whose local error estimate exceeds `tolerance` × the
   * solution's scale there (down to `minimumWindow` × the domain, short enough for the fast
   * start of a stiff problem) and lengthens the next one after a pass by up to twice, as a
   * classical step-size controller would; a number fixes that many equal windows.
   */
  strategy: z
    .strictObject({
      name: z.enum(['single', 'marching']).default('single'),
      windows: z.union([z.literal('auto'), windowCount]).default('auto'),
      initialWindows: windowCount.default(8),
      tolerance: z.number().positive().default(1e-9),
      minimumWindow: z.number().positive().max(1).default(1e-6),
    })
    .default({ name: 'single', windows: 'auto', initialWindows: 8, tolerance: 1e-9, minimumWindow: 1e-6 }),
  /**
   * The verdict after training, without a reference: the residual's effect on the solution is
   * estimated on a grid `density` times finer than the collocation points (every window join
   * included), and the run counts as solved when that estimate of the relative L2 error is at
   * most `tolerance`.
   */
  verdict: z
    .strictObject({
      tolerance: z.number().positive().default(1e-3),
      density: z.int().min(2).max(settingsLimits.density, `exceeds the limit of ${settingsLimits.density} verdict points per collocation point`).default(10),
    })
    .default({ tolerance: 1e-3, density: 10 }),
  /**
   * A bundle (a problem with ranges, trained once for every value in its box): the residual is
   * sampled at the sampler's points in t for each of `points` evenly spaced values per range
   * (ends included; 12 when absent), every combination when there are several ranges. Optional,
   * so the settings (and cell ids) of problems without ranges are as before.
   */
  bundle: z.strictObject({ points: z.int().min(2).max(1000, 'exceeds the limit of 1000 values per range').default(bundlePointsDefault) }).optional(),
  /** Epochs between history points; default: ⌈epochs/500⌉, so the history has at most ~500 points. */
  logEvery: z.int().positive().optional(),
  /** Values that replace the problem's parameters (known ones, or the start of learnable ones). */
  parameters: z.record(z.string(), z.number()).default({}),
});

/** Validated training settings, defaults filled in. */
export type TrainingSettings = z.output<typeof trainingSettingsSchema>;

/** Training settings as written by hand or in a file: every field optional. */
export type TrainingSettingsInput = z.input<typeof trainingSettingsSchema>;
