import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';

/**
 * First-order training in tfjs, shared by the `pinn`, `data-only` and `solver-first-order` presets: a tanh MLP [32, 32], a
 * 96-point grid, exact initial conditions through 1 − exp(−(t − t0)/τ) (the default trial
 * factor), Adam (lr 1e-2) for 300 epochs to get near, then L-BFGS (with restarts and a
 * float32-aware line search) to converge, and a plateau stop. Fast and accurate on smooth
 * problems of the library.
 */
export const quadrantTraining = {
  seed: 0,
  epochs: 3000,
  architecture: { name: 'mlp', options: { hidden: [32, 32], activation: 'tanh' } },
  sampler: { name: 'grid', options: { points: 96 } },
  optimisers: [
    { name: 'adam', epochs: 300, options: { learningRate: 1e-2 } },
    // Restarts and a loss resolution keep L-BFGS descending where float32 line searches stall
    // (harmonic-oscillator, seeds 0–4: worst relative L2 1.4e-2 without, 2.7e-3 with).
    { name: 'lbfgs', options: { history: 20, restarts: 10, lossResolution: 1e-5 } },
  ],
  // L-BFGS can creep on for thousands of epochs at a fraction of a percent each; 0.1 % per 100 epochs is the bar.
  stop: { plateau: { patience: 100, relative: 1e-3 } },
} satisfies TrainingSettingsInput;
