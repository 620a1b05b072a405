import { type ReferenceSolution, solveReference } from '@quadrant/solvers';
import type { Problem } from '@quadrant/spec';

/** How many reference solutions a process keeps: a suite runs a problem's cells one after another, so the last few suffice. */
const capacity = 8;
const solved = new Map<string, ReferenceSolution>();

/**
 * `solveReference` on `grid`, solved once per process for a problem and grid: the seeds and
 * methods of one problem (a suite's cells in one worker, `run --seeds`) share one solve. The key
 * is everything the solution depends on (equations, parameters, initial values, domain, grid),
 * so two problems that differ in any of them never share an entry. The arrays are shared:
 * callers read them and never write.
 */
export function cachedReference(problem: Problem, grid: Float64Array): ReferenceSolution {
  const key = JSON.stringify([
    problem.independent,
    problem.unknowns,
    problem.equations,
    problem.parameters,
    problem.initial,
    problem.initialRanges ?? null,
    problem.domain,
    Array.from(grid),
  ]);
  const hit = solved.get(key);
  if (hit !== undefined) {
    // Most recently used last, so the oldest entry is the first one a full cache drops.
    solved.delete(key);
    solved.set(key, hit);
    return hit;
  }
  const solution = solveReference(problem, { grid });
  solved.set(key, solution);
  if (solved.size > capacity) solved.delete(solved.keys().next().value!);
  return solution;
}
