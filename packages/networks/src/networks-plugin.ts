import { definePlugin } from '@quadrant/spec';
import { builtInActivations } from './activations/activations.ts';
import { fourierMlp } from './fourier-mlp.ts';
import { mlp } from './mlp.ts';
import { neuralOde } from './neural-ode.ts';
import { randomFeatures } from './random-features.ts';
import { residualMlp } from './residual-mlp.ts';

/**
 * The built-in architectures and activations as a plugin, the same way a user's plugin adds its
 * own: `mlp`, `residual-mlp`, `fourier-mlp`, `random-features`, `neural-ode`; `tanh`, `sin`, `leaky-relu`,
 * `silu`, `softplus`, `sigmoid`.
 */
export const networksPlugin = definePlugin({
  name: '@quadrant/networks',
  architectures: [mlp, residualMlp, fourierMlp, randomFeatures, neuralOde],
  activations: builtInActivations,
});
