import { defineSampler } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';

/** Options of `chebyshev`. */
export const chebyshevSamplerOptions = z.strictObject({ points: collocationPoints(1).default(128) });

/**
 * Chebyshev nodes of the first kind mapped onto the domain, the same every epoch:
 * t_k = (a + b)/2 − (b − a)/2 · cos((2k + 1)π / 2n), k = 0…n−1, in increasing order. They cluster
 * towards both ends, where polynomial interpolation on an even grid oscillates (Runge). Options: `points` (128).
 */
export const chebyshevSampler = defineSampler({
  name: 'chebyshev',
  description: 'Chebyshev nodes of the first kind over the domain, denser towards its ends',
  options: chebyshevSamplerOptions,
  create({ domain }, options) {
    const [start, end] = domain;
    const count = options.points;
    const values = Float32Array.from({ length: count }, (_, k) => (start + end) / 2 - ((end - start) / 2) * Math.cos(((2 * k + 1) * Math.PI) / (2 * count)));
    return {
      points: () => tensor2d(values, [count, 1]),
      dispose() {},
    };
  },
});
