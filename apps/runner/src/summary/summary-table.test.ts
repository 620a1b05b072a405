import { describe, expect, it } from 'vitest';
import { classicalCell } from '../results/cell-result.fixture.ts';
import { formatSummaryTable, formatVerdictConfusion, summarise, verdictConfusion } from './summary-table.ts';

const withError = (id: string, method: 'rk4' | 'euler', relativeL2: number, seconds: number) => {
  const cell = classicalCell(id, { method });
  return { ...cell, seconds: { total: seconds, training: seconds }, metrics: { ...cell.metrics, inDomain: { ...cell.metrics.inDomain, relativeL2 } } };
};

describe('summarise', () => {
  it('groups by problem × method with mean ± population std over cells', () => {
    const rows = summarise([withError('a', 'rk4', 1e-3, 1), withError('b', 'rk4', 3e-3, 3), withError('c', 'euler', 5e-2, 2)]);
    expect(rows.map((row) => row.method)).toEqual(['rk4', 'euler']);
    // mean(1e-3, 3e-3) = 2e-3; std = sqrt(((1e-3)^2 + (1e-3)^2) / 2) = 1e-3.
    expect(rows[0]!.relativeL2InDomain.mean).toBeCloseTo(2e-3, 12);
    expect(rows[0]!.relativeL2InDomain.std).toBeCloseTo(1e-3, 12);
    expect(rows[0]!.seconds.mean).toBe(2);
    expect(rows[1]!.cells).toBe(1);
  });

  it('counts a diverged cell and leaves its missing error out of the mean', () => {
    const diverged = { ...withError('d', 'rk4', 0, 1), status: 'diverged' as const };
    const rows = summarise([
      withError('a', 'rk4', 4e-3, 1),
      { ...diverged, metrics: { ...diverged.metrics, inDomain: { ...diverged.metrics.inDomain, relativeL2: null } } },
    ]);
    expect(rows[0]!.failed).toBe(1);
    expect(rows[0]!.relativeL2InDomain.mean).toBe(4e-3);
  });

  it('keeps settings variants apart, each over its seeds, and names the settings that differ', () => {
    const variant = (id: string, seed: number, weighting: string, relativeL2: number) => {
      const cell = withError(id, 'rk4', relativeL2, 1);
      return { ...cell, seed, settings: { seed, epochs: 100, weighting: { name: weighting, options: {} } } };
    };
    const rows = summarise([
      variant('a', 0, 'fixed', 1e-3),
      variant('b', 0, 'relobralo', 4e-3),
      variant('c', 1, 'fixed', 3e-3),
      variant('d', 1, 'relobralo', 4e-3),
    ]);
    expect(rows.map((row) => [row.method, row.cells])).toEqual([
      ['rk4 · weighting=fixed', 2],
      ['rk4 · weighting=relobralo', 2],
    ]);
    expect(rows[0]!.relativeL2InDomain.mean).toBeCloseTo(2e-3, 12);
    expect(rows[1]!.relativeL2InDomain.std).toBe(0);
  });

  it('names a registry entry by its name when only the names differ, by JSON otherwise', () => {
    const variant = (id: string, sampler: object) => ({ ...withError(id, 'rk4', 1e-3, 1), settings: { seed: 0, sampler } });
    const byName = summarise([variant('a', { name: 'grid', options: { points: 96 } }), variant('b', { name: 'sobol', options: { points: 96 } })]);
    expect(byName.map((row) => row.method)).toEqual(['rk4 · sampler=grid', 'rk4 · sampler=sobol']);
    const byOptions = summarise([variant('a', { name: 'grid', options: { points: 96 } }), variant('b', { name: 'grid', options: { points: 32 } })]);
    expect(byOptions[1]!.method).toBe('rk4 · sampler={"name":"grid","options":{"points":32}}');
  });

  it('formats one aligned line per row with the figures in scientific notation', () => {
    const table = formatSummaryTable(summarise([withError('a', 'rk4', 1.234e-3, 1.5)]));
    const [header, rule, row] = table.split('\n');
    expect(header).toMatch(/^problem\s+method\s+relL2 in domain/);
    expect(rule).toMatch(/^-+ {2}-+/);
    expect(row).toMatch(/^exponential-decay\s+rk4\s+1\.23e-3\s+5\.00e-6\s+1\.50\s+1\s+—$/);
  });
});

describe('verdicts', () => {
  const judged = (id: string, relativeL2: number | null, status: 'solved' | 'unsolved') => {
    const cell = withError(id, 'rk4', relativeL2 ?? 0, 1);
    return {
      ...cell,
      metrics: { ...cell.metrics, inDomain: { ...cell.metrics.inDomain, relativeL2 } },
      verdict: { status, estimatedError: relativeL2, tolerance: 1e-3, worstResidual: { value: 1e-6, t: 0, unknown: 'y' } },
    };
  };
  const cells = [
    judged('a', 1e-9, 'solved'),
    judged('b', 2e-2, 'solved'),
    judged('c', 0.9, 'unsolved'),
    judged('d', null, 'unsolved'),
    judged('e', 5e-3, 'unsolved'),
  ];

  it('counts the solved cells of a row and prints them as k/n', () => {
    const [row] = summarise(cells);
    expect(row!.solved).toEqual({ count: 2, of: 5 });
    expect(formatSummaryTable([row!]).split('\n')[2]).toMatch(/\s2\/5$/);
  });

  it('sets the verdicts against the error: a non-finite error counts as above the threshold', () => {
    const confusion = verdictConfusion(cells, 1e-2);
    expect(confusion).toEqual({ threshold: 1e-2, solvedWithin: 1, solvedAbove: 1, unsolvedWithin: 1, unsolvedAbove: 2 });
    expect(formatVerdictConfusion(confusion)).toBe(
      'verdict (without the reference) against relL2 in domain ≤ 0.01: solved 1 within, 1 above; unsolved 1 within, 2 above',
    );
    expect(formatVerdictConfusion(verdictConfusion([withError('x', 'rk4', 1e-3, 1)]))).toBe('');
  });
});

describe('bundle columns', () => {
  const bundleCell = (id: string, worst: number, median: number) => ({
    ...classicalCell(id, { method: 'solver' as const, preset: 'bundle' }),
    bundle: { box: [{ name: 'k', kind: 'parameter' as const, range: [0.5, 2] as [number, number] }], points: [], worst, median, worstAt: [2] },
  });

  it('show the worst and median relative L2 over θ of bundle rows, a dash for others', () => {
    const rows = summarise([bundleCell('a', 4e-4, 1e-4), withError('b', 'rk4', 1e-3, 1)]);
    expect(rows[0]!.overTheta?.worst.mean).toBe(4e-4);
    expect(rows[1]!.overTheta).toBeUndefined();
    const [header, , first, second] = formatSummaryTable(rows).split('\n');
    expect(header).toContain('worst relL2 over θ');
    expect(first).toMatch(/4\.00e-4\s+1\.00e-4/);
    expect(second).toMatch(/—\s+—/);
  });

  it('are left out when no row is a bundle', () => {
    expect(formatSummaryTable(summarise([withError('b', 'rk4', 1e-3, 1)]))).not.toContain('over θ');
  });
});
