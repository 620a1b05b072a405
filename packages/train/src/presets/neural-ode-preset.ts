import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';

/**
 * The learned-dynamics quadrant: no equation, only the observations, but the network is a
 * neural ODE (`neural-ode`: the RK4 integral of y' = f_θ(y) from the initial state, f_θ a tanh
 * MLP [32, 32]), so what it learns is a vector field, and its prediction past the data follows
 * that field. The data term alone, Adam (lr 1e-2) then L-BFGS, as `data-only`.
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
    losses: { data: { weight: 1 } },
    optimisers: [
      { name: 'adam', epochs: 300, options: { learningRate: 1e-2 } },
      { name: 'lbfgs', options: { history: 20, restarts: 10, lossResolution: 1e-5 } },
    ],
    stop: { plateau: { patience: 100, relative: 1e-3 } },
  } satisfies TrainingSettingsInput,
});
