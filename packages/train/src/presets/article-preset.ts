import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';

/**
 * The configuration of the article Quadrant reproduces: an MLP 1→50→50→50→1 with leaky ReLU and
 * PyTorch's default initialisation, plain SGD (lr 8e-3) for 10⁴ epochs on a 501-point grid
 * jittered by N(0, 0.1²) every epoch, residual plus a soft initial condition.
 */
export const articlePreset = definePreset({
  name: 'article',
  description: "the article's setup: leaky-ReLU MLP 50-50-50, SGD lr 8e-3, 501 jittered points, 10^4 epochs, soft initial condition",
  settings: {
    seed: 0,
    epochs: 10_000,
    architecture: { name: 'mlp', options: { hidden: [50, 50, 50], activation: 'leaky-relu', initialiser: 'pytorch-default' } },
    initialCondition: 'soft',
    // The article feeds t to the network as it is.
    inputScaling: 'none',
    losses: { residual: { weight: 1 }, 'initial-condition': { weight: 1 } },
    sampler: { name: 'jittered-grid', options: { points: 501, sigma: 0.1 } },
    optimisers: [{ name: 'sgd', options: { learningRate: 8e-3 } }],
    stop: {},
  } satisfies TrainingSettingsInput,
});
