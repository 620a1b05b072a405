import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { errorCurve } from './error-curve.ts';
import { errorFigures } from './error-figures.ts';
import { maxAbsError } from './max-abs-error.ts';
import { mse } from './mse.ts';
import { relativeL2 } from './relative-l2.ts';
import { residualRms } from './residual-rms.ts';
import { rmse } from './rmse.ts';

// predicted 1, 2, 3, 4 against reference 1, 1, 1, 1: errors 0, 1, 2, 3.
// Σe² = 0 + 1 + 4 + 9 = 14, so mse = 14/4 = 3.5 and rmse = √3.5 ≈ 1.8708;
// ‖r‖₂ = √4 = 2, so relativeL2 = √14/2 ≈ 1.8708; maxAbs = 3.
const predicted = Float64Array.of(1, 2, 3, 4);
const reference = Float64Array.of(1, 1, 1, 1);

describe('error figures', () => {
  it('agree with the arithmetic done by hand', () => {
    expect(mse(predicted, reference)).toBe(3.5);
    expect(rmse(predicted, reference)).toBeCloseTo(Math.sqrt(3.5), 15);
    expect(relativeL2(predicted, reference)).toBeCloseTo(Math.sqrt(14) / 2, 15);
    expect(maxAbsError(predicted, reference)).toBe(3);
    expect(errorFigures(predicted, reference)).toEqual({
      mse: 3.5,
      rmse: Math.sqrt(3.5),
      relativeL2: Math.sqrt(14) / 2,
      maxAbs: 3,
    });
    expect(Array.from(errorCurve(predicted, reference))).toEqual([0, 1, 2, 3]);
  });

  it('take plain arrays as well as Float64Array', () => {
    expect(mse([1, 2, 3, 4], [1, 1, 1, 1])).toBe(3.5);
    expect(Array.from(errorCurve([0, -2], [1, 1]))).toEqual([1, 3]);
  });

  it('give the absolute L2 error when the reference is all zeros', () => {
    // ‖(3, 4) − (0, 0)‖₂ = √(9 + 16) = 5; dividing by ‖r‖₂ = 0 would be meaningless.
    expect(relativeL2([3, 4], [0, 0])).toBe(5);
    expect(relativeL2([0, 0], [0, 0])).toBe(0);
  });

  it('report non-finite predictions as Infinity or NaN instead of throwing', () => {
    // Math.max keeps the NaN that a `>` comparison would silently skip.
    expect(errorFigures([Number.NaN, 1], [1, 1])).toEqual({ mse: Number.NaN, rmse: Number.NaN, relativeL2: Number.NaN, maxAbs: Number.NaN });
    expect(errorFigures([1, Number.POSITIVE_INFINITY], [1, 1])).toEqual({
      mse: Number.POSITIVE_INFINITY,
      rmse: Number.POSITIVE_INFINITY,
      relativeL2: Number.POSITIVE_INFINITY,
      maxAbs: Number.POSITIVE_INFINITY,
    });
    expect(Array.from(errorCurve([Number.NaN, Number.NEGATIVE_INFINITY], [0, 0]))).toEqual([Number.NaN, Number.POSITIVE_INFINITY]);
  });

  it('refuse series of different lengths, naming both', () => {
    for (const [name, run] of [
      ['mse', () => mse([1, 2, 3], [1, 2])],
      ['rmse', () => rmse([1, 2, 3], [1, 2])],
      ['relativeL2', () => relativeL2([1, 2, 3], [1, 2])],
      ['maxAbsError', () => maxAbsError([1, 2, 3], [1, 2])],
      ['errorFigures', () => errorFigures([1, 2, 3], [1, 2])],
      ['errorCurve', () => errorCurve([1, 2, 3], [1, 2])],
    ] as const) {
      expect(run).toThrow(
        expect.objectContaining({ code: 'SHAPE_MISMATCH', message: `${name}: predicted has 3 points but reference has 2; evaluate both on the same grid` }),
      );
    }
  });

  it('refuse empty series, which have no mean', () => {
    expect(() => errorFigures([], [])).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    expect(() => residualRms([])).toThrow(new QuadrantError('INPUT_INVALID', 'residualRms: no residuals; give at least one point'));
  });
});

describe('residualRms', () => {
  it('is the root mean square by hand: √((9 + 16)/2) = √12.5', () => {
    expect(residualRms(Float64Array.of(3, -4))).toBeCloseTo(Math.sqrt(12.5), 15);
    expect(residualRms([0, 0, 0])).toBe(0);
    expect(residualRms([Number.NaN, 1])).toBeNaN();
  });
});
