import { definePlugin } from '@quadrant/spec';
import { adamOptimiser } from './optimisers/adam-optimiser.ts';
import { lbfgsOptimiser } from './optimisers/lbfgs-optimiser.ts';
import { levenbergMarquardtOptimiser } from './optimisers/levenberg-marquardt-optimiser.ts';
import { sgdOptimiser } from './optimisers/sgd-optimiser.ts';
import { articlePreset } from './presets/article-preset.ts';
import { bundlePreset } from './presets/bundle-preset.ts';
import { dataOnlyPreset } from './presets/data-only-preset.ts';
import { neuralOdePreset } from './presets/neural-ode-preset.ts';
import { pinnPreset } from './presets/pinn-preset.ts';
import { solverFirstOrderPreset } from './presets/solver-first-order-preset.ts';
import { solverPreset } from './presets/solver-preset.ts';
import { chebyshevSampler } from './samplers/chebyshev-sampler.ts';
import { gridSampler } from './samplers/grid-sampler.ts';
import { jitteredGridSampler } from './samplers/jittered-grid-sampler.ts';
import { latinHypercubeSampler } from './samplers/latin-hypercube-sampler.ts';
import { r3Sampler } from './samplers/r3-sampler.ts';
import { residualAdaptiveSampler } from './samplers/residual-adaptive-sampler.ts';
import { sobolSampler } from './samplers/sobol-sampler.ts';
import { uniformSampler } from './samplers/uniform-sampler.ts';

/** This package's built-ins as a plugin: the samplers, optimisers and presets. */
export const trainPlugin = definePlugin({
  name: '@quadrant/train',
  samplers: [gridSampler, jitteredGridSampler, uniformSampler, residualAdaptiveSampler, chebyshevSampler, latinHypercubeSampler, sobolSampler, r3Sampler],
  optimisers: [adamOptimiser, sgdOptimiser, lbfgsOptimiser, levenbergMarquardtOptimiser],
  presets: [dataOnlyPreset, pinnPreset, solverPreset, solverFirstOrderPreset, articlePreset, bundlePreset, neuralOdePreset],
});
