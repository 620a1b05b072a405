import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';

/**
 * The learned-dynamics quadrant: no equation, only the observations, but the network is a
 * neural ODE (`neural-ode`: the RK4 integral of y' = f_θ(y) from the initial state, f_θ a tanh
 * MLP [32, 32]), so what it learns is a vector field, and its prediction past the data follows
 * that field. The data term alone, Adam (lr 1e-2) then L-BFGS, as `data-only`, with mini-batches of
 * sub-trajectories against local minima: for the first 200 of Adam's 300 epochs each epoch fits
 * one random window of 4 consecutive samples (measured on the `default` suite's 12 problems: the
 * geometric mean of relative L2 in the domain 0.13 against 0.23 with every sample from the start;
 * a growing time span, 0.17, and a linear skip in f_θ, 0.22, stay options, off).
 */
export const neuralOdePreset = definePreset({
  name: 'neural-ode',
  description: "learn the dynamics from the observations alone: a neural ODE y' = f(y) integrated by RK4, the data term, Adam then L-BFGS",
  settings: {
    seed: 0,
    epochs: 500,
    architecture: { name: 'neural-ode', options: {} },
    // The data term asks for no collocation points; the smallest grid keeps the sampler cheap.
    sampler: { name: 'grid', options: { points: 2 } },
    initialCondition: 'soft',
    // Mini-batches of sub-trajectories: one random window of 4 consecutive samples per epoch for the first 200 Adam epochs.
    losses: { data: { weight: 1, options: { windows: { size: 4, until: 200 } } } },
    optimisers: [
      { name: 'adam', epochs: 300, options: { learningRate: 1e-2 } },
      { name: 'lbfgs', options: { history: 20, restarts: 10, lossResolution: 1e-5 } },
    ],
    stop: { plateau: { patience: 100, relative: 1e-3 } },
  } satisfies TrainingSettingsInput,
});
