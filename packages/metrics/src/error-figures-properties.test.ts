import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorFigures } from './error-figures.ts';
import { errorFiguresOfComponents } from './error-figures-of-components.ts';
import { perInterval } from './per-interval.ts';
import { relativeL2 } from './relative-l2.ts';

// Moderate magnitudes (zero, or between 1e-100 and 1e3), so squares neither overflow nor underflow.
const value = fc.double({ min: -1e3, max: 1e3, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-100);
const series = fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 40 }).map((pairs) => ({
  predicted: Float64Array.from(pairs, ([p]) => p),
  reference: Float64Array.from(pairs, ([, r]) => r),
}));
const close = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), 1e-300);
const settings = { numRuns: 300, seed: 20251123 };

describe('error figures (properties)', () => {
  it('relativeL2 does not change when both series are scaled by one factor', () => {
    // Powers of two scale every value, difference and sum exactly, so the ratio must agree to the last bit;
    // any other factor rounds p·c and r·c separately, which cancellation in p − r then magnifies.
    const factor = fc.tuple(fc.integer({ min: -30, max: 30 }), fc.boolean()).map(([power, negative]) => (negative ? -1 : 1) * 2 ** power);
    fc.assert(
      fc.property(series, factor, ({ predicted, reference }, c) => {
        fc.pre(reference.some((r) => r !== 0));
        const scaled = relativeL2(
          predicted.map((p) => c * p),
          reference.map((r) => c * r),
        );
        expect(scaled).toBe(relativeL2(predicted, reference));
      }),
      settings,
    );
  });

  it('rmse² = mse, maxAbs ≥ rmse, and the reference against itself scores zero', () => {
    fc.assert(
      fc.property(series, ({ predicted, reference }) => {
        const figures = errorFigures(predicted, reference);
        expect(close(figures.rmse ** 2, figures.mse, 1e-14)).toBe(true);
        expect(figures.maxAbs).toBeGreaterThanOrEqual(figures.rmse * (1 - 1e-15));
        expect(errorFigures(reference, reference)).toEqual({ mse: 0, rmse: 0, relativeL2: 0, maxAbs: 0 });
      }),
      settings,
    );
  });

  it('one component, one interval covering every point and one series give the same figures', () => {
    fc.assert(
      fc.property(series, ({ predicted, reference }) => {
        const figures = errorFigures(predicted, reference);
        expect(errorFiguresOfComponents({ y: predicted }, { y: reference })).toEqual(figures);
        const t = Float64Array.from(reference, (_, i) => i);
        expect(perInterval(t, predicted, reference, [{ name: 'all', from: -Infinity, to: Infinity }])['all']).toEqual(figures);
      }),
      settings,
    );
  });
});
