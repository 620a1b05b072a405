import type { OptimiserV1, SamplerV1 } from '@quadrant/spec';
import { describe, it } from 'vitest';
import { adamOptimiser } from '../optimisers/adam-optimiser.ts';
import { lbfgsOptimiser } from '../optimisers/lbfgs-optimiser.ts';
import { levenbergMarquardtOptimiser } from '../optimisers/levenberg-marquardt-optimiser.ts';
import { sgdOptimiser } from '../optimisers/sgd-optimiser.ts';
import { chebyshevSampler } from '../samplers/chebyshev-sampler.ts';
import { gridSampler } from '../samplers/grid-sampler.ts';
import { jitteredGridSampler } from '../samplers/jittered-grid-sampler.ts';
import { latinHypercubeSampler } from '../samplers/latin-hypercube-sampler.ts';
import { r3Sampler } from '../samplers/r3-sampler.ts';
import { residualAdaptiveSampler } from '../samplers/residual-adaptive-sampler.ts';
import { sobolSampler } from '../samplers/sobol-sampler.ts';
import { uniformSampler } from '../samplers/uniform-sampler.ts';
import { trainPlugin } from '../train-plugin.ts';
import { type OptimiserConformanceSettings, optimiserConformance } from './optimiser-conformance.ts';
import { type SamplerConformanceSettings, samplerConformance } from './sampler-conformance.ts';

// Each built-in's settings, keyed by the entry's name; an entry added to the plugin without them fails below.
const samplerSettings: Record<string, SamplerConformanceSettings> = {
  [gridSampler.name]: { options: { points: 33 } },
  [jitteredGridSampler.name]: { options: { points: 33, sigma: 0.5 }, random: true },
  [uniformSampler.name]: { options: { points: 33 }, random: true },
  [residualAdaptiveSampler.name]: { options: { points: 33, candidates: 200, every: 2 }, random: true },
  [chebyshevSampler.name]: { options: { points: 33 } },
  [latinHypercubeSampler.name]: { options: { points: 33 }, random: true },
  [sobolSampler.name]: { options: { points: 33 }, random: true },
  [r3Sampler.name]: { options: { points: 33, every: 2 }, random: true },
};
const optimiserSettings: Record<string, OptimiserConformanceSettings> = {
  [adamOptimiser.name]: {
    quadratic: { options: { learningRate: 0.1 }, steps: 400 },
    rosenbrock: { options: { learningRate: 0.1 }, steps: 1500 },
  },
  [sgdOptimiser.name]: {
    options: { momentum: 0.9 },
    quadratic: { options: { learningRate: 0.05 }, steps: 300 },
    rosenbrock: { options: { learningRate: 2e-3 }, steps: 1000 },
  },
  [lbfgsOptimiser.name]: { quadratic: { steps: 50 }, rosenbrock: { options: { history: 10 }, steps: 200 } },
  [levenbergMarquardtOptimiser.name]: { refusesCreate: true, leastSquares: { iterations: 100, tolerance: 1e-8 } },
};

/** Runs a kit for every entry, failing for an entry the settings forgot. */
function everyEntry<Entry extends { readonly name: string }, Settings>(
  entries: readonly Entry[],
  settings: Record<string, Settings>,
  kit: (entry: Entry, given: Settings) => { name: string; run(): Promise<void> }[],
) {
  for (const entry of entries) {
    describe(entry.name, () => {
      const given = settings[entry.name];
      if (given === undefined) {
        it('has kit settings', () => {
          throw new Error(`no conformance settings for the built-in '${entry.name}'`);
        });
        return;
      }
      for (const check of kit(entry, given)) it(check.name, check.run);
    });
  }
}

describe('every built-in sampler passes the sampler kit', () => {
  everyEntry((trainPlugin.samplers ?? []) as SamplerV1[], samplerSettings, samplerConformance);
});

describe('every built-in optimiser passes the optimiser kit', () => {
  everyEntry((trainPlugin.optimisers ?? []) as OptimiserV1[], optimiserSettings, optimiserConformance);
});
