import { seededRandom } from '@quadrant/networks';
import { solveProblem } from '@quadrant/solvers';
import type { Problem } from '@quadrant/spec';
import type { ObservationPlan } from './cell-spec.ts';

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
 */
export function observeReference(problem: Problem, plan: ObservationPlan, seed: number): Observations {
  if (problem.data !== undefined) {
    const values: Record<string, Float64Array> = {};
    for (const [name, observed] of Object.entries(problem.data.values)) values[name] = Float64Array.from(observed);
    return { t: Float64Array.from(problem.data.t), values };
  }
  const [start, end] = problem.domain;
  const last = start + plan.fraction * (end - start);
  const t = Float64Array.from({ length: plan.points }, (_, i) => (plan.points === 1 ? start : start + ((last - start) * i) / (plan.points - 1)));
  const scaleGrid = Float64Array.from({ length: 101 }, (_, i) => start + ((end - start) * i) / 100);
  const scale = solveProblem(problem, { grid: scaleGrid }).unknowns;
  const samples = solveProblem(problem, { grid: t }).unknowns;
  // One stream per cell seed, offset so the noise is not the same stream the network's weights came from.
  const random = seededRandom(seed + 0x5eed);
  const values: Record<string, Float64Array> = {};
  for (const { name } of problem.unknowns) {
    const reference = scale[name]!;
    const rms = Math.sqrt(reference.reduce((sum, value) => sum + value * value, 0) / reference.length);
    values[name] = samples[name]!.map((value) => value + plan.noise * rms * random.normal());
  }
  return { t, values };
}
