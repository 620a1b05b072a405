import { type Problem, seededRandom } from '@quadrant/spec';
import type { ObservationPlan } from './cell-spec.ts';
import { evenlySpaced } from './evenly-spaced.ts';
import { cachedReference } from './reference-cache.ts';

/** Observations a network trains on: points and each unknown's observed values. */
export interface Observations {
  readonly t: Float64Array;
  readonly values: Record<string, Float64Array>;
}

/**
 * The observations of a data-only or PINN cell: the problem's own `data` when it has some,
 * else `plan.points` samples of the reference, evenly spread over the first `plan.fraction`
 * of the training domain, with seeded Gaussian noise of `plan.noise` times each unknown's RMS.
 * Sparse samples on part of the domain are what make the quadrants differ: a data-only fit
 * has nothing to go on past its last sample, the equation does.
 * @param reference - the reference the cell already solved; its points inside the training
 *   domain give each unknown's RMS, the scale of the noise
 */
export function observeReference(problem: Problem, plan: ObservationPlan, seed: number, reference: Observations): Observations {
  if (problem.data !== undefined) {
    const values: Record<string, Float64Array> = {};
    for (const [name, observed] of Object.entries(problem.data.values)) values[name] = Float64Array.from(observed);
    return { t: Float64Array.from(problem.data.t), values };
  }
  const [start, end] = problem.domain;
  const last = start + plan.fraction * (end - start);
  const t = evenlySpaced(start, last, plan.points);
  const samples = cachedReference(problem, t).unknowns;
  // One stream per cell seed, offset so the noise is not the same stream the network's weights came from.
  const random = seededRandom(seed + 0x5eed);
  const values: Record<string, Float64Array> = {};
  for (const { name } of problem.unknowns) {
    const inDomain = reference.values[name]!.filter((_, i) => reference.t[i]! <= end);
    const rms = Math.sqrt(inDomain.reduce((sum, value) => sum + value * value, 0) / inDomain.length);
    values[name] = samples[name]!.map((value) => value + plan.noise * rms * random.normal());
  }
  return { t, values };
}
