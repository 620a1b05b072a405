import { defineSampler, seededRandom } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';
import { gridPoints } from './grid-sampler.ts';

/** Options of `residual-adaptive`. */
export const residualAdaptiveSamplerOptions = z.strictObject({
  points: collocationPoints(1).default(128),
  /** Uniform candidates drawn at each adaptation; the points are picked among them. */
  candidates: collocationPoints(1).default(1024),
  /** Epochs between adaptations. */
  every: z.int().positive().default(100),
  /**
   * Added to the normalised squared residual before picking: 0 picks in proportion to r² alone;
   * 1 is the residual-based adaptive distribution of Wu et al. (2023), which keeps every region sampled.
   */
  offset: z.number().nonnegative().default(0),
});

/**
 * Residual-based adaptive sampling: starts on a uniform grid; every `every` epochs it draws
 * `candidates` uniform points and picks `points` of them with replacement, with probability
 * proportional to r²/mean(r²) + offset (r² from `step.residual`), so training concentrates where
 * the equation is violated most. Seeded by the run's seed. Options: `points` (128),
 * `candidates` (1024), `every` (100), `offset` (0).
 */
export const residualAdaptiveSampler = defineSampler({
  name: 'residual-adaptive',
  description: 'points picked among random candidates in proportion to the squared residual, every few epochs',
  options: residualAdaptiveSamplerOptions,
  create({ domain, seed }, options) {
    const random = seededRandom(seed);
    const [start, end] = domain;
    let current = gridPoints(domain, options.points);
    return {
      points(step) {
        if (step.epoch > 0 && step.epoch % options.every === 0) {
          const candidates = Float32Array.from({ length: options.candidates }, () => start + (end - start) * random.uniform());
          const input = tensor2d(candidates, [candidates.length, 1]);
          const residual = step.residual(input);
          const squared = residual.dataSync();
          input.dispose();
          residual.dispose();
          let total = 0;
          for (const value of squared) total += Number.isFinite(value) ? value : 0;
          const mean = total / squared.length;
          // Cumulative weights, then one inverse-CDF pick per point.
          const cumulative = new Float64Array(squared.length);
          let running = 0;
          for (let i = 0; i < squared.length; i++) {
            const value = Number.isFinite(squared[i]!) ? squared[i]! : 0;
            running += (mean > 0 ? value / mean : 1) + options.offset;
            cumulative[i] = running;
          }
          current = new Float32Array(options.points);
          for (let p = 0; p < current.length; p++) {
            const target = random.uniform() * running;
            let low = 0;
            let high = cumulative.length - 1;
            while (low < high) {
              const middle = (low + high) >>> 1;
              if (cumulative[middle]! > target) high = middle;
              else low = middle + 1;
            }
            current[p] = candidates[low]!;
          }
        }
        return tensor2d(current, [current.length, 1]);
      },
      dispose() {},
    };
  },
});
