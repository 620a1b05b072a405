import { definePreset } from '@quadrant/spec';

/**
 * Settings shared by the `solver`, `pinn` and `data-only` presets: a tanh MLP [32, 32], a
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
} as const;

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
  },
});
