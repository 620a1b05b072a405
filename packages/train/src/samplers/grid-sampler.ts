import { defineSampler } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';

/** `points` evenly spaced values from `domain[0]` to `domain[1]`, both included. */
export function gridPoints(domain: readonly [number, number], points: number): Float32Array {
  const [start, end] = domain;
  return Float32Array.from({ length: points }, (_, i) => (points === 1 ? start : start + ((end - start) * i) / (points - 1)));
}

/** Options of `grid`. */
export const gridSamplerOptions = z.strictObject({ points: z.int().min(2).default(128) });

/** The same uniform grid every epoch, endpoints included. Options: `points` (default 128). */
export const gridSampler = defineSampler({
  name: 'grid',
  description: 'a fixed uniform grid over the domain, endpoints included',
  options: gridSamplerOptions,
  create({ domain }, options) {
    const values = gridPoints(domain, options.points);
    return { points: () => tensor2d(values, [values.length, 1]), dispose() {} };
  },
});
