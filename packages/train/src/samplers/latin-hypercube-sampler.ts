import { defineSampler, seededRandom } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';

/** Options of `latin-hypercube`. */
export const latinHypercubeSamplerOptions = z.strictObject({ points: collocationPoints(1).default(128) });

/**
 * Latin hypercube sampling, fresh every epoch from a stream seeded by the run's seed: the domain
 * is cut into `points` equal strata and each gets one uniform point. In one dimension the
 * strata's shuffle that pairs coordinates in higher dimensions has nothing to pair, so this is
 * stratified sampling, written out here in a few lines. Options: `points` (128).
 */
export const latinHypercubeSampler = defineSampler({
  name: 'latin-hypercube',
  description: 'one seeded uniform point in each of n equal strata of the domain, fresh every epoch',
  options: latinHypercubeSamplerOptions,
  create({ domain, seed }, options) {
    const random = seededRandom(seed);
    const [start, end] = domain;
    const width = (end - start) / options.points;
    const values = new Float32Array(options.points);
    return {
      points() {
        for (let i = 0; i < values.length; i++) values[i] = Math.min(end, start + width * (i + random.uniform()));
        return tensor2d(values, [values.length, 1]);
      },
      dispose() {},
    };
  },
});
