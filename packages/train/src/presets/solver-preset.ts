import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';

/**
 * The DE-solver quadrant: the equation alone, no data, solved window after window. Each window
 * is a random-feature network (32 fixed tanh features, a trained output layer) whose trial
 * solution y = y(t_i) + (t − t_i)^m·N(t) meets the previous window's end exactly, fitted to the
 * residual at 32 grid points by Levenberg–Marquardt in float64 (at most 10 iterations); window
 * lengths follow the local error (`strategy: marching`, tolerance 1e-9 of the solution's scale).
 * Short windows keep the network away from the fixed points of the equation that trap one
 * network over the whole domain; float64 and a second-order method take it far below float32's
 * round-off.
 */
export const solverPreset = definePreset({
  name: 'solver',
  description: 'train on the equation alone: random features in time windows, Levenberg–Marquardt in float64',
  settings: {
    seed: 0,
    epochs: 10,
    architecture: { name: 'random-features', options: { features: 32 } },
    sampler: { name: 'grid', options: { points: 32 } },
    initialCondition: 'exact',
    trialSolution: { factor: 'polynomial' },
    // The initial-condition term is dropped while the initial condition is exact; it returns with `initialCondition: 'soft'`.
    losses: { residual: { weight: 1 }, 'initial-condition': { weight: 1 } },
    optimisers: [{ name: 'levenberg-marquardt', options: {} }],
    strategy: { name: 'marching' },
  } satisfies TrainingSettingsInput,
});
