import { compileProblem, defineProblem, exponentialDecay, harmonicOscillator, lorenz, problemLibrary, robertson } from '@quadrant/equations';
import type { FirstOrderSystemV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { odexSolver } from './odex-solver.ts';
import { rodasSolver } from './rodas-solver.ts';
import { decay, failure, inverse, linspace } from './test-systems.fixture.ts';

const defaults = rodasSolver.options.parse({});

// Robertson's problem at t = 40: the ten-digit values given for it by Hairer & Wanner (Solving
// Ordinary Differential Equations II, Springer 1996, where the problem is their stiff example).
// Checked independently here with odex, an extrapolation method that shares nothing with
// Rodas4: at relative tolerance 1e-13 (32 760 steps) it gives 0.7158270687191,
// 9.185534764582e-6, 0.2841637457458, the same to every digit quoted.
const robertsonAt40 = [0.7158270687, 9.185534765e-6, 0.2841637457];

/** Max-abs error over the grid and all unknowns against the closed form, relative to the largest exact value. */
function closedFormError(problem: typeof exponentialDecay, points: number): number {
  const { system, unknownIndex, exact } = compileProblem(problem);
  const grid = linspace(problem.domain[0], problem.domain[1], points);
  const solution = rodasSolver.solve(system, { grid }, defaults);
  let error = 0;
  let scale = 0;
  for (let i = 0; i < grid.length; i++) {
    const truth = exact!(grid[i]!);
    problem.unknowns.forEach(({ name }, j) => {
      error = Math.max(error, Math.abs(solution.values[unknownIndex[name]!]![i]! - truth[j]!));
      scale = Math.max(scale, Math.abs(truth[j]!));
    });
  }
  return error / scale;
}

describe('rodasSolver', () => {
  it("error falls as steps⁻⁴ when the tolerance shrinks on y' = −y (measured order 4)", () => {
    const runs = [1e-6, 1e-7, 1e-8, 1e-9, 1e-10].map((tolerance) => {
      const solution = rodasSolver.solve(decay, { grid: Float64Array.of(5) }, { ...defaults, relativeTolerance: tolerance, absoluteTolerance: tolerance });
      return [Math.log(solution.stats.steps), Math.log(Math.abs(solution.values[0]![0]! - Math.exp(-5)))] as const;
    });
    // Slope of the least-squares line through (log steps, log error).
    const meanX = runs.reduce((sum, [x]) => sum + x, 0) / runs.length;
    const meanY = runs.reduce((sum, [, y]) => sum + y, 0) / runs.length;
    const order = -runs.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) / runs.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
    expect(Math.abs(order - 4)).toBeLessThan(0.4);
  });

  it.each([
    ['exponential-decay', exponentialDecay],
    ['harmonic-oscillator', harmonicOscillator],
  ] as const)('matches the closed form of %s to 1e-7 on 101 points', (_name, problem) => {
    expect(closedFormError(problem, 101)).toBeLessThan(1e-7);
  });

  it.each(problemLibrary.filter((problem) => problem.exact !== undefined).map((problem) => [problem.name, problem] as const))(
    'matches the closed form of %s to 1e-7 on 11 points',
    (_name, problem) => {
      expect(closedFormError(problem, 11)).toBeLessThan(1e-7);
    },
  );

  it("reaches Robertson's published values at t = 40 to 1e-8, conserving A + B + C", () => {
    const { system } = compileProblem(robertson);
    const solution = rodasSolver.solve(system, { grid: Float64Array.of(40) }, defaults);
    for (const [c, expected] of robertsonAt40.entries()) expect(Math.abs(solution.values[c]![0]! - expected) / expected).toBeLessThan(1e-8);
    const total = solution.values.reduce((sum, component) => sum + component[0]!, 0);
    expect(Math.abs(total - 1)).toBeLessThan(1e-12);
  });

  it('needs far fewer steps than odex on Robertson (stiff)', () => {
    const { system } = compileProblem(robertson);
    const grid = Float64Array.of(40);
    const stiff = rodasSolver.solve(system, { grid }, defaults);
    const explicit = odexSolver.solve(system, { grid }, odexSolver.options.parse({}));
    expect(stiff.stats.steps).toBeLessThan(300);
    expect(explicit.stats.steps).toBeGreaterThan(50 * stiff.stats.steps);
    expect(explicit.stats.evaluations).toBeGreaterThan(100 * stiff.stats.evaluations);
  });

  it("fails odex's step budget where rodas needs a few hundred steps (Robertson on [0, 40] with maxSteps 5000)", () => {
    const { system } = compileProblem(robertson);
    const error = failure(() => odexSolver.solve(system, { grid: linspace(0, 40, 41) }, { ...odexSolver.options.parse({}), maxSteps: 5000 }));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(rodasSolver.solve(system, { grid: linspace(0, 40, 41) }, { ...defaults, maxSteps: 5000 }).stats.steps).toBeLessThan(500);
  });

  it("uses the system's Jacobian when present, and differences give the same solution at more evaluations", () => {
    const { system } = compileProblem(robertson);
    const grid = linspace(0, 40, 9);
    const exact = rodasSolver.solve(system, { grid }, defaults);
    const differenced = rodasSolver.solve(system, { grid }, { ...defaults, jacobian: 'differences' });
    const { jacobian: _jacobian, ...withoutJacobian } = system;
    const bare: FirstOrderSystemV1 = withoutJacobian;
    const bareSolution = rodasSolver.solve(bare, { grid }, defaults);
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < grid.length; i++) {
        const scale = Math.abs(exact.values[c]![i]!) + 1e-10;
        expect(Math.abs(differenced.values[c]![i]! - exact.values[c]![i]!) / scale).toBeLessThan(1e-8);
        expect(bareSolution.values[c]![i]).toBe(differenced.values[c]![i]);
      }
    }
    // Central differences cost 2n = 6 evaluations per step on top of the step's own 7.
    expect(differenced.stats.evaluations).toBeGreaterThan(exact.stats.evaluations + 5 * exact.stats.steps);
  });

  it('lands on every grid point, integrating up to a grid that starts after t0, and returns y0 on a grid that is only t0', () => {
    const grid = Float64Array.of(2, 3.5, 5);
    const solution = rodasSolver.solve(decay, { grid }, defaults);
    for (let i = 0; i < grid.length; i++) expect(Math.abs(solution.values[0]![i]! - Math.exp(-grid[i]!))).toBeLessThan(1e-9);
    expect(solution.stats.steps).toBeGreaterThan(0);
    expect(solution.solver).toBe('rodas');
    expect(Array.from(rodasSolver.solve(decay, { grid: Float64Array.of(0) }, defaults).values[0]!)).toEqual([1]);
    // One step per interval at least: a dense grid costs steps.
    expect(rodasSolver.solve(decay, { grid: linspace(0, 1, 201) }, defaults).stats.steps).toBeGreaterThanOrEqual(200);
  });

  it('refuses a right-hand side that is not finite, naming the time', () => {
    const error = failure(() => rodasSolver.solve(inverse, { grid: linspace(0, 1, 11) }, defaults));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(error.message).toContain("rodas: rhs of y' is not finite at t = 0 (Infinity)");
  });

  it('fails with the time when the solution blows up (y′ = y², singular at t = 1)', () => {
    const blowUp = defineProblem({ name: 'blow-up', description: "y' = y^2", equations: { "y'": 'y^2' }, initial: { y: 1 }, domain: [0, 2] });
    const error = failure(() => rodasSolver.solve(compileProblem(blowUp).system, { grid: linspace(0, 2, 21) }, defaults));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(error.message).toMatch(/^rodas: .* at t = (1\.0000|0\.9999)/);
    expect(error.message).toContain("rhs of y'");
  });

  it('fails naming the time it reached when maxSteps is exceeded', () => {
    const { system } = compileProblem(lorenz);
    const error = failure(() => rodasSolver.solve(system, { grid: linspace(0, 1, 11) }, { ...defaults, maxSteps: 5 }));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(error.message).toMatch(/^rodas: gave up at t = 0\.\d+ after maxSteps = 5 steps, short of 1;/);
  });

  it('refuses a grid that is not strictly increasing or starts before t0', () => {
    const repeated = failure(() => rodasSolver.solve(decay, { grid: Float64Array.of(0, 1, 1) }, defaults));
    expect(repeated.code).toBe('INPUT_INVALID');
    expect(repeated.message).toBe('rodas: grid[2] = 1 is not after grid[1] = 1; give strictly increasing points');
    expect(failure(() => rodasSolver.solve(decay, { grid: Float64Array.of(-1, 1) }, defaults)).code).toBe('INPUT_INVALID');
  });

  it('parses its options with defaults and refuses bad ones', () => {
    expect(defaults).toEqual({ absoluteTolerance: 1e-10, relativeTolerance: 1e-8, maxSteps: 100_000, jacobian: 'auto' });
    expect(rodasSolver.options.safeParse({ relativeTolerance: 0 }).success).toBe(false);
    expect(rodasSolver.options.safeParse({ jacobian: 'exact' }).success).toBe(false);
    expect(rodasSolver.options.safeParse({ maxSteps: 1.5 }).success).toBe(false);
  });
});
