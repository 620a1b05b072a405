import { exponentialDecay, harmonicOscillator, readProblemText } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { eulerSolver } from './euler-solver.ts';
import { rk4Solver } from './rk4-solver.ts';
import { solveProblem } from './solve-problem.ts';
import { solversPlugin } from './solvers-plugin.ts';

const linspace = (from: number, to: number, points: number) => Float64Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));

// Two unknowns in s: u'' = −ω²·u (second order) and w' = ω·u + s, ω = 2, u(0) = 1, u'(0) = 0, w(0) = 0.
// Closed forms, worked out independently of the solver: u = cos(2s), w = sin(2s) + s²/2.
const coupledYaml = `
name: coupled
description: a second-order and a first-order unknown in s
independent: s
parameters: { omega: 2 }
equations:
  u'': -omega^2*u
  w': omega*u + s
initial: { u: 1, u': 0, w: 0 }
domain: [0, 3]
`;

describe('solveProblem', () => {
  it('solves a problem file with two unknowns and its own independent variable to 1e-8', () => {
    const problem = readProblemText(coupledYaml, 'coupled.yaml');
    const grid = linspace(0, 3, 61);
    const result = solveProblem(problem, { grid });
    expect(result.solver).toBe('odex');
    expect(Object.keys(result.unknowns)).toEqual(['u', 'w']);
    expect(result.solution.names).toEqual(['u', "u'", 'w']);
    for (let i = 0; i < grid.length; i++) {
      const s = grid[i]!;
      expect(Math.abs(result.unknowns['u']![i]! - Math.cos(2 * s))).toBeLessThan(1e-8);
      expect(Math.abs(result.unknowns['w']![i]! - (Math.sin(2 * s) + s ** 2 / 2))).toBeLessThan(1e-8);
    }
  });

  it('uses parameter overrides: harmonic oscillator with ω = 3 gives cos(3t)', () => {
    const grid = linspace(0, 2, 21);
    const { unknowns } = solveProblem(harmonicOscillator, { grid, parameters: { omega: 3 } });
    for (let i = 0; i < grid.length; i++) expect(unknowns['y']![i]).toBeCloseTo(Math.cos(3 * grid[i]!), 9);
  });

  it.each([
    ['odex', undefined, undefined, 1e-9],
    ['rk4', rk4Solver, { steps: 400 }, 1e-8],
    ['euler', eulerSolver, { steps: 20_000 }, 1e-4],
  ] as const)('%s fills a grid that starts after t0', (name, solver, options, tolerance) => {
    const grid = linspace(2, 5, 7);
    const result = solveProblem(exponentialDecay, { grid, ...(solver && { solver }), ...(options && { options }) });
    expect(result.solver).toBe(name);
    for (let i = 0; i < grid.length; i++) expect(Math.abs(result.unknowns['y']![i]! - Math.exp(-grid[i]!))).toBeLessThan(tolerance);
  });

  it('parses the options with the solver schema and names the bad one', () => {
    let error: unknown;
    try {
      solveProblem(exponentialDecay, { grid: linspace(0, 5, 11), solver: rk4Solver, options: { steps: -3 } });
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'OPTIONS_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^exponential-decay: rk4\.steps: Too small/);
  });

  it('refuses a grid that goes backwards', () => {
    expect(() => solveProblem(exponentialDecay, { grid: Float64Array.of(0, 2, 1) })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: 'odex: grid[2] = 1 is not after grid[1] = 2; give strictly increasing points' }),
    );
  });

  it('travels as a plugin holding the four solvers', () => {
    expect(solversPlugin.name).toBe('@quadrant/solvers');
    expect(solversPlugin.specVersion).toBe('v1');
    expect(solversPlugin.solvers?.map((solver) => solver.name)).toEqual(['odex', 'rodas', 'rk4', 'euler']);
    for (const solver of solversPlugin.solvers ?? []) expect(solver.options.safeParse({}).success).toBe(true);
  });
});
