import { defineSampler, seededRandom } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';
import { gridPoints } from './grid-sampler.ts';
import { reflectIntoDomain } from './reflect-into-domain.ts';

/** Options of `jittered-grid`. */
export const jitteredGridSamplerOptions = z.strictObject({
  points: collocationPoints(2).default(128),
  /** Standard deviation of the jitter, in units of the independent variable. */
  sigma: z.number().nonnegative().default(0.1),
});

/**
 * The article's sampler: a uniform grid plus fresh N(0, sigma²) noise on every point every
 * epoch, from a stream seeded by the run's seed. Points pushed past an end are reflected back
 * into the domain. Options: `points` (128), `sigma` (0.1).
 */
export const jitteredGridSampler = defineSampler({
  name: 'jittered-grid',
  description: 'a uniform grid moved by fresh seeded Gaussian noise every epoch',
  options: jitteredGridSamplerOptions,
  create({ domain, seed }, options) {
    const grid = gridPoints(domain, options.points);
    const random = seededRandom(seed);
    const values = new Float32Array(grid.length);
    return {
      points() {
        for (let i = 0; i < grid.length; i++) values[i] = reflectIntoDomain(grid[i]! + options.sigma * random.normal(), domain);
        return tensor2d(values, [values.length, 1]);
      },
      dispose() {},
    };
  },
});
