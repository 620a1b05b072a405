import { describe, expect, it } from 'vitest';
import { compareSeedMerit, meritOfTraining, type SeedMerit } from './seed-merit.ts';

const solved = (estimatedError: number | null, finalLoss: number | null = 1): SeedMerit => ({
  finished: true,
  verdict: { status: 'solved', estimatedError },
  finalLoss,
});

describe('compareSeedMerit', () => {
  it('puts a finished run before a diverged one, whatever their figures', () => {
    const diverged: SeedMerit = { finished: false, verdict: { status: 'solved', estimatedError: 1e-12 }, finalLoss: 1e-20 };
    const unsolved: SeedMerit = { finished: true, verdict: { status: 'unsolved', estimatedError: 10 }, finalLoss: 10 };
    expect(compareSeedMerit(unsolved, diverged)).toBeLessThan(0);
    expect(compareSeedMerit(diverged, unsolved)).toBeGreaterThan(0);
  });

  it('puts solved before unsolved, then the smaller estimated error, with a non-finite estimate last', () => {
    const unsolved: SeedMerit = { finished: true, verdict: { status: 'unsolved', estimatedError: 1e-9 }, finalLoss: 1e-12 };
    expect(compareSeedMerit(solved(1e-4), unsolved)).toBeLessThan(0);
    expect(compareSeedMerit(solved(1e-9), solved(1e-8))).toBeLessThan(0);
    expect(compareSeedMerit(solved(null), solved(1e-3))).toBeGreaterThan(0);
  });

  it('falls back to the final loss when there is no verdict (a bundle), and keeps equals in order', () => {
    const bundle = (finalLoss: number | null): SeedMerit => ({ finished: true, finalLoss });
    expect(compareSeedMerit(bundle(1e-6), bundle(1e-5))).toBeLessThan(0);
    expect(compareSeedMerit(bundle(null), bundle(1))).toBeGreaterThan(0);
    expect(compareSeedMerit(solved(1e-9, 3), solved(1e-9, 3))).toBe(0);
  });
});

describe('meritOfTraining', () => {
  it('reads a diverged run as unfinished and non-finite figures as missing', () => {
    const merit = meritOfTraining({
      status: 'diverged',
      verdict: { status: 'unsolved', estimatedError: Number.NaN },
      history: { total: [1, Number.POSITIVE_INFINITY] },
    });
    expect(merit).toEqual({ finished: false, verdict: { status: 'unsolved', estimatedError: null }, finalLoss: null });
    expect(meritOfTraining({ status: 'stopped', history: { total: [] } })).toEqual({ finished: true, verdict: undefined, finalLoss: null });
  });
});
