import { defineSampler, seededRandom } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';

/** Options of `r3`. */
export const r3SamplerOptions = z.strictObject({
  points: collocationPoints(1).default(128),
  /** Epochs between two retain–resample rounds (the paper runs one every iteration). */
  every: z.int().positive().default(10),
});

/**
 * Retain–resample–release sampling (R3, Daw et al., ICML 2023): starts from seeded uniform
 * points; every `every` epochs it keeps the points whose residual norm |r| (from `step.residual`)
 * exceeds the mean over the population and replaces the others with fresh uniform points, so
 * points gather where the equation is violated and are released once it is met there. A
 * non-finite residual counts as exceeding the mean. Options: `points` (128), `every` (10).
 */
export const r3Sampler = defineSampler({
  name: 'r3',
  description: 'retain points whose residual exceeds the mean, resample the rest uniformly (Daw et al. 2023), every few epochs',
  options: r3SamplerOptions,
  create({ domain, seed }, options) {
    const random = seededRandom(seed);
    const [start, end] = domain;
    const draw = () => start + (end - start) * random.uniform();
    const current = Float32Array.from({ length: options.points }, draw);
    return {
      points(step) {
        if (step.epoch > 0 && step.epoch % options.every === 0) {
          const input = tensor2d(current, [current.length, 1]);
          const squared = step.residual(input);
          const norms = Array.from(squared.dataSync(), Math.sqrt);
          input.dispose();
          squared.dispose();
          const finite = norms.filter(Number.isFinite);
          const mean = finite.reduce((sum, value) => sum + value, 0) / Math.max(1, finite.length);
          for (let i = 0; i < current.length; i++) {
            const norm = norms[i]!;
            if (Number.isFinite(norm) && norm <= mean) current[i] = draw();
          }
        }
        return tensor2d(current, [current.length, 1]);
      },
      dispose() {},
    };
  },
});
