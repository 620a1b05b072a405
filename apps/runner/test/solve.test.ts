import { describe, expect, it } from 'vitest';
import { fixture, runQuadrant } from './run-quadrant.ts';

interface SolveJson {
  t: number[];
  values: Record<string, number[]>;
  independent: string;
}

const maxRelativeError = (values: number[], exact: (t: number) => number, t: number[]) => {
  const scale = Math.max(...t.map((point) => Math.abs(exact(point))));
  return Math.max(...values.map((value, i) => Math.abs(value - exact(t[i]!)))) / scale;
};

describe('quadrant solve', () => {
  it('solves a problem file written outside the library to 1e-8 of its closed form (custom independent variable)', async () => {
    const { exitCode, stdout } = await runQuadrant(['solve', '--problem', fixture('forced-oscillator.yaml'), '--grid', '0:6:61', '--json']);
    expect(exitCode).toBe(0);
    const solution = JSON.parse(stdout) as SolveJson;
    expect(solution.independent).toBe('s');
    // x(s) = (1 − F/(w² − 1))·cos(w s) + F/(w² − 1)·cos(s) with w = 2, F = 0.5, worked out independently of the file.
    const exact = (s: number) => (1 - 0.5 / 3) * Math.cos(2 * s) + (0.5 / 3) * Math.cos(s);
    expect(maxRelativeError(solution.values.x!, exact, solution.t)).toBeLessThan(1e-8);
  });

  it('solves a two-unknown system to 1e-8 of its closed form', async () => {
    const { exitCode, stdout } = await runQuadrant(['solve', '--problem', fixture('two-species.json'), '--json']);
    expect(exitCode).toBe(0);
    const solution = JSON.parse(stdout) as SolveJson;
    const [k1, k2] = [1.5, 0.4];
    expect(maxRelativeError(solution.values.a!, (t) => Math.exp(-k1 * t), solution.t)).toBeLessThan(1e-8);
    expect(maxRelativeError(solution.values.b!, (t) => (k1 / (k2 - k1)) * (Math.exp(-k1 * t) - Math.exp(-k2 * t)), solution.t)).toBeLessThan(1e-8);
  });

  it('prints CSV by default, one row per grid point, with Euler visibly less accurate than RK4', async () => {
    const csv = async (solver: string) => {
      const { exitCode, stdout } = await runQuadrant(['solve', '--problem', 'exponential-decay', '--solver', solver, '--grid', '0:5:51']);
      expect(exitCode).toBe(0);
      const [header, ...rows] = stdout.trim().split('\n');
      expect(header).toBe('t,y');
      expect(rows).toHaveLength(51);
      return rows.map((row) => row.split(',').map(Number));
    };
    const lastError = (rows: number[][]) => Math.abs(rows.at(-1)![1]! - Math.exp(-5));
    const [euler, rk4] = [await csv('euler'), await csv('rk4')];
    expect(lastError(euler)).toBeGreaterThan(1000 * lastError(rk4));
  });

  it('lists the built-in problems, solvers, weightings and suites', async () => {
    const { exitCode, stdout } = await runQuadrant(['list', '--json']);
    expect(exitCode).toBe(0);
    const listing = JSON.parse(stdout) as Record<string, { name: string }[]>;
    expect(listing.problems!.map((entry) => entry.name)).toContain('lotka-volterra');
    expect(listing.solvers!.map((entry) => entry.name).sort()).toEqual(['euler', 'odex', 'rk4', 'rodas']);
    expect(listing.suites!.map((entry) => entry.name)).toEqual([
      'article',
      'bundles',
      'default',
      'learned-dynamics',
      'samplers',
      'solver-seeds',
      'verdict-check',
      'weighting',
    ]);
    expect(listing.weightings!.map((entry) => entry.name)).toEqual(['fixed', 'lr-annealing', 'relobralo', 'softadapt']);
  });

  it('has --help on every command', async () => {
    for (const command of ['solve', 'run', 'bench', 'reproduce', 'report', 'list']) {
      const { exitCode, stdout } = await runQuadrant([command, '--help']);
      expect(exitCode).toBe(0);
      expect(stdout).toContain(`Usage: quadrant ${command}`);
    }
  });
});
