import { defineProblem, exponentialDecay, lorenzLong, robertson } from '@quadrant/equations';
import { describe, expect, it } from 'vitest';
import { solveReference } from './solve-reference.ts';
import { failure, linspace } from './test-systems.fixture.ts';

describe('solveReference', () => {
  it('solves a non-stiff problem with odex', () => {
    const grid = linspace(0, 10, 201);
    const reference = solveReference(exponentialDecay, { grid });
    expect(reference.solver).toBe('odex');
    expect(reference.fallbackReason).toBeUndefined();
    for (let i = 0; i < grid.length; i++) expect(Math.abs(reference.unknowns['y']![i]! - Math.exp(-grid[i]!))).toBeLessThan(1e-10);
    expect(solveReference(lorenzLong, { grid: linspace(0, 10, 201) }).solver).toBe('odex');
  });

  it("hands Robertson's stiff problem to rodas when odex exceeds its step budget, saying why", () => {
    // The runner's grid: the training domain [0, 40] and as long again past it.
    const grid = linspace(0, 80, 201);
    const reference = solveReference(robertson, { grid });
    expect(reference.solver).toBe('rodas');
    expect(reference.fallbackReason).toMatch(/^odex: gave up at t = [\d.e-]+ after maxSteps = 5000 steps, short of 80;/);
    expect(Object.keys(reference.unknowns)).toEqual(['A', 'B', 'C']);
    // y(40) of Hairer & Wanner (see rodas-solver.test.ts), at grid point 100.
    expect(grid[100]).toBe(40);
    const at40 = { A: 0.7158270687, B: 9.185534765e-6, C: 0.2841637457 };
    for (const [name, expected] of Object.entries(at40)) expect(Math.abs(reference.unknowns[name]![100]! - expected) / expected).toBeLessThan(1e-9);
    expect(reference.solution.stats.steps).toBeLessThan(5000);
  });

  it('keeps odex on Robertson when given a budget large enough, and passes parameter overrides on', () => {
    expect(solveReference(robertson, { grid: linspace(0, 1, 11), odexSteps: 100_000 }).solver).toBe('odex');
    const grid = linspace(0, 2, 5);
    const faster = solveReference(exponentialDecay, { grid, parameters: { k: 2 } });
    for (let i = 0; i < grid.length; i++) expect(faster.unknowns['y']![i]).toBeCloseTo(Math.exp(-2 * grid[i]!), 10);
  });

  it("throws the stiff solver's failure, naming t, when both fail", () => {
    const blowUp = defineProblem({ name: 'blow-up', description: "y' = y^2", equations: { "y'": 'y^2' }, initial: { y: 1 }, domain: [0, 2] });
    const error = failure(() => solveReference(blowUp, { grid: linspace(0, 2, 21) }));
    expect(error.code).toBe('SOLVER_FAILED');
    expect(error.message).toMatch(/^rodas: .* at t = (1\.0000|0\.9999).*rhs of y'/);
  });
});
