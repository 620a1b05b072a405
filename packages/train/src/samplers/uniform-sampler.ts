import { defineSampler, seededRandom } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';

/** Options of `uniform`. */
export const uniformSamplerOptions = z.strictObject({ points: collocationPoints(1).default(128) });

/** Fresh points drawn uniformly over the domain every epoch, from a stream seeded by the run's seed. Options: `points` (128). */
export const uniformSampler = defineSampler({
  name: 'uniform',
  description: 'fresh seeded uniform random points over the domain every epoch',
  options: uniformSamplerOptions,
  create({ domain, seed }, options) {
    const random = seededRandom(seed);
    const values = new Float32Array(options.points);
    const [start, end] = domain;
    return {
      points() {
        for (let i = 0; i < values.length; i++) values[i] = start + (end - start) * random.uniform();
        return tensor2d(values, [values.length, 1]);
      },
      dispose() {},
    };
  },
});
