import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';

/**
 * A bundle (a problem whose parameters or initial values are ranges): one random-feature
 * network of t and the ranges θ (400 fixed tanh features of spread 3, a trained output layer)
 * whose trial solution y = y0(θ) + … + (t − t0)^m·N(t, θ) meets the initial values at every θ,
 * fitted to the residual at 64 grid points in t for each of 20 values per range by
 * Levenberg–Marquardt in float64 (at most 10 iterations). One network over the whole domain:
 * the solution for every θ in the box from one training.
 */
export const bundlePreset = definePreset({
  name: 'bundle',
  description: 'train once for every parameter value in the ranges: random features of (t, θ), Levenberg–Marquardt in float64',
  settings: {
    seed: 0,
    epochs: 10,
    architecture: { name: 'random-features', options: { features: 400, scale: 3 } },
    sampler: { name: 'grid', options: { points: 64 } },
    initialCondition: 'exact',
    trialSolution: { factor: 'polynomial' },
    losses: { residual: { weight: 1 } },
    optimisers: [{ name: 'levenberg-marquardt', options: {} }],
    bundle: { points: 20 },
  } satisfies TrainingSettingsInput,
});
