import { compileProblem, defineProblem, lorenz, problemLibrary } from '@quadrant/equations';
import { describe, expect, it } from 'vitest';
import { decay, failure, inverse, linspace } from './test-systems.fixture.ts';
import { odexSolver } from './odex-solver.ts';

const defaults = odexSolver.options.parse({});

describe('odexSolver', () => {
  const withClosedForms = problemLibrary.filter((problem) => compileProblem(problem).exact !== undefined);

  it('finds the closed forms of the library', () => {
    expect(withClosedForms.map((problem) => problem.name)).toEqual(
      expect.arrayContaining(['exponential-decay', 'linear-growth', 'logistic-growth', 'harmonic-oscillator', 'damped-oscillator']),
    );
  });

  it.each(withClosedForms.map((problem) => [problem.name, problem] as const))('matches the closed form of %s to 1e-9 on 101 points', (_name, problem) => {
    const { system, unknownIndex, exact } = compileProblem(problem);
    const grid = linspace(problem.domain[0], problem.domain[1], 101);
    const solution = odexSolver.solve(system, { grid }, defaults);
    expect(solution.names).toEqual(system.names);
    // Max-abs error over all unknowns and points, relative to the largest exact value.
    let error = 0;
    let scale = 0;
    for (let i = 0; i < grid.length; i++) {
      const truth = exact!(grid[i]!);
      problem.unknowns.forEach(({ name }, j) => {
        error = Math.max(error, Math.abs(solution.values[unknownIndex[name]!]![i]! - truth[j]!));
        scale = Math.max(scale, Math.abs(truth[j]!));
      });
    }
    expect(error / scale).toBeLessThan(1e-9);
  });

  it('integrates up to a grid that starts after t0, and returns y0 on a grid that is only t0', () => {
    const grid = Float64Array.of(2, 3.5, 5);
    const solution = odexSolver.solve(decay, { grid }, defaults);
    for (let i = 0; i < grid.length; i++) expect(solution.values[0]![i]).toBeCloseTo(Math.exp(-grid[i]!), 10);
    expect(solution.stats.steps).toBeGreaterThan(0);
    expect(solution.stats.evaluations).toBeGreaterThan(solution.stats.steps);
    expect(Array.from(odexSolver.solve(decay, { grid: Float64Array.of(0) }, defaults).values[0]!)).toEqual([1]);
  });

  it('refuses a right-hand side that is not finite, naming the time', () => {
    const error = failure(() => odexSolver.solve(inverse, { grid: linspace(0, 1, 11) }, defaults));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(error.message).toContain("odex: rhs of y' is not finite at t = 0 (Infinity)");
  });

  it('fails with the time when the solution blows up (y′ = y², singular at t = 1)', () => {
    const blowUp = defineProblem({ name: 'blow-up', description: "y' = y^2", equations: { "y'": 'y^2' }, initial: { y: 1 }, domain: [0, 2] });
    const error = failure(() => odexSolver.solve(compileProblem(blowUp).system, { grid: linspace(0, 2, 21) }, defaults));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(error.message).toMatch(/at t = 1\.0000/);
    expect(error.message).toContain("rhs of y'");
  });

  it('fails naming the time it reached when maxSteps is exceeded', () => {
    const { system } = compileProblem(lorenz);
    const error = failure(() => odexSolver.solve(system, { grid: linspace(0, 1, 11) }, { ...defaults, maxSteps: 5 }));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(error.message).toMatch(/^odex: gave up at t = 0\.\d+ after maxSteps = 5 steps, short of 1;/);
  });

  it('refuses a grid that is not strictly increasing or starts before t0', () => {
    const repeated = failure(() => odexSolver.solve(decay, { grid: Float64Array.of(0, 1, 1) }, defaults));
    expect(repeated.code).toBe('INPUT_INVALID');
    expect(repeated.message).toBe('odex: grid[2] = 1 is not after grid[1] = 1; give strictly increasing points');
    const early = failure(() => odexSolver.solve(decay, { grid: Float64Array.of(-1, 1) }, defaults));
    expect(early.code).toBe('INPUT_INVALID');
    expect(early.message).toContain('grid[0] = -1 is before the initial time t0 = 0');
    expect(failure(() => odexSolver.solve(decay, { grid: new Float64Array(0) }, defaults)).code).toBe('INPUT_INVALID');
  });

  it('parses its options with defaults and refuses bad ones', () => {
    expect(defaults).toEqual({ absoluteTolerance: 1e-10, relativeTolerance: 1e-10, maxSteps: 100_000 });
    expect(odexSolver.options.safeParse({ relativeTolerance: 0 }).success).toBe(false);
  });
});
