import { definePlugin } from '@quadrant/spec';
import { fourierMlp } from './fourier-mlp.ts';
import { mlp } from './mlp.ts';
import { randomFeatures } from './random-features.ts';
import { residualMlp } from './residual-mlp.ts';

/** The built-in architectures as a plugin, the same way a user's plugin adds its own: `mlp`, `residual-mlp`, `fourier-mlp`, `random-features`. */
export const networksPlugin = definePlugin({
  name: '@quadrant/networks',
  architectures: [mlp, residualMlp, fourierMlp, randomFeatures],
});
