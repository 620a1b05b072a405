import { defineSampler } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';

/** `points` evenly spaced values from `domain[0]` to `domain[1]`, both included. */
export function gridPoints(domain: readonly [number, number], points: number): Float32Array {
  const [start, end] = domain;
  return Float32Array.from({ length: points }, (_, i) => (points === 1 ? start : start + ((end - start) * i) / (points - 1)));
}

/** Options of `grid`. */
export const gridSamplerOptions = z.strictObject({
  points: collocationPoints(2).default(128),
  /**
   * Epochs over which the grid grows from the domain's start to its whole width (0: the whole
   * domain from the first epoch). A growing window lets an initial-value problem be learnt
   * forward in time, as a classical solver does, instead of settling on a wrong solution that
   * fits every point at once (a known failure on long oscillating domains).
   */
  expandOver: z.int().nonnegative().default(0),
});

/**
 * A uniform grid, endpoints included: the same every epoch, or over a window growing from the
 * start of the domain during the first `expandOver` epochs. Options: `points` (128), `expandOver` (0).
 */
export const gridSampler = defineSampler({
  name: 'grid',
  description: 'a fixed uniform grid over the domain, endpoints included',
  options: gridSamplerOptions,
  create({ domain }, options) {
    const values = gridPoints(domain, options.points);
    const [start, end] = domain;
    return {
      points({ epoch }) {
        if (epoch >= options.expandOver) return tensor2d(values, [values.length, 1]);
        const window = gridPoints([start, start + ((end - start) * (epoch + 1)) / options.expandOver], options.points);
        return tensor2d(window, [window.length, 1]);
      },
      dispose() {},
    };
  },
});
