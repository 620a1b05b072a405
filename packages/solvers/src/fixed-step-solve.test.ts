import { compileProblem, exponentialDecay, harmonicOscillator } from '@quadrant/equations';
import { QuadrantError, type SolverV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { decay, inverse, linspace } from './test-systems.fixture.ts';
import { eulerSolver } from './euler-solver.ts';
import type { FixedStepOptions } from './fixed-step-solve.ts';
import { rk4Solver } from './rk4-solver.ts';

/** Slope of the least-squares line through (log h, log error): the measured order of convergence. */
function convergenceOrder(solver: SolverV1<FixedStepOptions>, problem: typeof exponentialDecay, stepCounts: readonly number[]): number {
  const { system, exact } = compileProblem(problem);
  const grid = linspace(problem.domain[0], problem.domain[1], 11);
  const points = stepCounts.map((steps) => {
    const y = solver.solve(system, { grid }, { steps }).values[0]!;
    let error = 0;
    for (let i = 0; i < grid.length; i++) error = Math.max(error, Math.abs(y[i]! - exact!(grid[i]!)[0]!));
    return [Math.log((problem.domain[1] - problem.domain[0]) / steps), Math.log(error)] as const;
  });
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

describe('fixed-step solvers', () => {
  it("euler's global error falls as h¹ on y' = −y", () => {
    expect(Math.abs(convergenceOrder(eulerSolver, exponentialDecay, [80, 160, 320, 640]) - 1)).toBeLessThan(0.2);
  });

  it("rk4's global error falls as h⁴ on y'' = −y", () => {
    expect(Math.abs(convergenceOrder(rk4Solver, harmonicOscillator, [20, 40, 80, 160]) - 4)).toBeLessThan(0.2);
  });

  it('takes one step per grid interval by default (euler on y′ = −y by hand: 1, 0.5, 0.25)', () => {
    // y ← y + h·(−y) with h = 0.5: 1 → 0.5 → 0.25.
    const solution = eulerSolver.solve(decay, { grid: Float64Array.of(0, 0.5, 1) }, {});
    expect(Array.from(solution.values[0]!)).toEqual([1, 0.5, 0.25]);
    expect(solution.stats).toEqual({ steps: 2, evaluations: 2 });
    expect(rk4Solver.solve(decay, { grid: linspace(0, 1, 101) }, {}).stats).toEqual({ steps: 100, evaluations: 400 });
  });

  it('shares `steps` among the intervals by length, the lead-in from t0 included', () => {
    // From t0 = 0 to 3 in 30 steps: 10 to reach grid[0] = 1, then 10 per interval. On y' = −y one
    // RK4 step of h multiplies y by 1 − h + h²/2 − h³/6 + h⁴/24, so y(k) = that factor^(10k) for h = 0.1.
    const solution = rk4Solver.solve(decay, { grid: Float64Array.of(1, 2, 3) }, { steps: 30 });
    expect(solution.stats).toEqual({ steps: 30, evaluations: 120 });
    const factor = 1 - 0.1 + 0.1 ** 2 / 2 - 0.1 ** 3 / 6 + 0.1 ** 4 / 24;
    for (let k = 1; k <= 3; k++) expect(solution.values[0]![k - 1]).toBeCloseTo(factor ** (10 * k), 14);
    // Without `steps`, the lead-in is taken at the grid's spacing: 4 steps of 0.5 before 2, 2.5, 3.
    expect(eulerSolver.solve(decay, { grid: Float64Array.of(2, 2.5, 3) }, {}).values[0]![0]).toBe(0.5 ** 4);
  });

  it.each([rk4Solver, eulerSolver].map((solver) => [solver.name, solver] as const))(
    '%s refuses a right-hand side that is not finite, naming the time',
    (name, solver) => {
      let error: unknown;
      try {
        solver.solve(inverse, { grid: linspace(0, 1, 11) }, {});
      } catch (caught) {
        error = caught;
      }
      expect(QuadrantError.hasCode(error, 'SOLVER_FAILED')).toBe(true);
      expect((error as Error).message).toContain(`${name}: rhs of y' is not finite at t = 0 (Infinity)`);
    },
  );

  it('refuses a grid that is not increasing, and steps that are not a positive integer', () => {
    expect(() => rk4Solver.solve(decay, { grid: Float64Array.of(0, 2, 1) }, {})).toThrow('rk4: grid[2] = 1 is not after grid[1] = 2');
    expect(rk4Solver.options.safeParse({ steps: 2.5 }).success).toBe(false);
    expect(eulerSolver.options.safeParse({ steps: 0 }).success).toBe(false);
  });
});
