import { describe, expect, it } from 'vitest';
import { classicalCell } from '../results/cell-result.fixture.ts';
import { formatSummaryTable, summarise } from './summary-table.ts';

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
    const rows = summarise([withError('a', 'rk4', 4e-3, 1), { ...diverged, metrics: { ...diverged.metrics, inDomain: { ...diverged.metrics.inDomain, relativeL2: null } } }]);
    expect(rows[0]!.failed).toBe(1);
    expect(rows[0]!.relativeL2InDomain.mean).toBe(4e-3);
  });

  it('formats one aligned line per row with the figures in scientific notation', () => {
    const table = formatSummaryTable(summarise([withError('a', 'rk4', 1.234e-3, 1.5)]));
    const [header, rule, row] = table.split('\n');
    expect(header).toMatch(/^problem\s+method\s+relL2 in domain/);
    expect(rule).toMatch(/^-+ {2}-+/);
    expect(row).toMatch(/^exponential-decay\s+rk4\s+1\.23e-3\s+5\.00e-6\s+1\.50\s+1$/);
  });
});
