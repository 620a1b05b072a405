import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { errorFiguresOfComponents } from './error-figures-of-components.ts';
import { perInterval } from './per-interval.ts';

describe('perInterval', () => {
  // t 0..4, reference all 1, predicted 1, 1, 2, 1, 5: errors 0, 0, 1, 0, 4.
  const t = Float64Array.of(0, 1, 2, 3, 4);
  const reference = Float64Array.of(1, 1, 1, 1, 1);
  const predicted = Float64Array.of(1, 1, 2, 1, 5);

  it('splits the figures by interval, a shared bound counting in both (by hand)', () => {
    const figures = perInterval(t, predicted, reference, [
      { name: 'domain', from: 0, to: 2 },
      { name: 'extrapolation', from: 2, to: Number.POSITIVE_INFINITY },
    ]);
    // domain: t = 0, 1, 2, errors 0, 0, 1: Σe² = 1, mse = 1/3, ‖r‖₂ = √3, relativeL2 = 1/√3, maxAbs = 1.
    expect(figures['domain']!.mse).toBeCloseTo(1 / 3, 15);
    expect(figures['domain']!.relativeL2).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(figures['domain']!.maxAbs).toBe(1);
    // extrapolation: t = 2, 3, 4, errors 1, 0, 4: Σe² = 17, mse = 17/3, relativeL2 = √17/√3, maxAbs = 4.
    expect(figures['extrapolation']!.mse).toBeCloseTo(17 / 3, 14);
    expect(figures['extrapolation']!.rmse).toBeCloseTo(Math.sqrt(17 / 3), 14);
    expect(figures['extrapolation']!.relativeL2).toBeCloseTo(Math.sqrt(17) / Math.sqrt(3), 14);
    expect(figures['extrapolation']!.maxAbs).toBe(4);
    expect(Object.keys(figures)).toEqual(['domain', 'extrapolation']);
  });

  it('refuses an interval that holds no point, naming it', () => {
    let error: unknown;
    try {
      perInterval(t, predicted, reference, [{ name: 'far', from: 10, to: 20 }]);
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'INPUT_INVALID')).toBe(true);
    expect((error as Error).message).toBe("perInterval: interval 'far' [10, 20] holds none of the 5 points of t; widen it or add points inside it");
    expect(() => perInterval(t, predicted, reference, [{ name: 'reversed', from: 3, to: 1 }])).toThrow("interval 'reversed' [3, 1] holds none");
    expect(() =>
      perInterval(t, predicted, reference, [
        { name: 'a', from: 0, to: 1 },
        { name: 'a', from: 2, to: 3 },
      ]),
    ).toThrow("perInterval: interval 'a' is given twice");
  });

  it('refuses t, predicted and reference of different lengths', () => {
    expect(() => perInterval(t.subarray(1), predicted, reference, [])).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'perInterval: predicted has 5 points but t has 4; evaluate both on the same grid' }),
    );
    expect(() => perInterval(t, predicted, reference.subarray(1), [])).toThrow('predicted has 5 points but reference has 4');
  });
});

describe('errorFiguresOfComponents', () => {
  it('pools every component into one stacked vector (by hand)', () => {
    // u: errors 0, 2 (reference 1, 0); w: error −1 (reference 4). Stacked errors 0, 2, −1: Σe² = 5 over 3 points,
    // mse = 5/3; stacked reference 1, 0, 4: ‖r‖₂ = √17, relativeL2 = √5/√17; maxAbs = 2.
    const figures = errorFiguresOfComponents({ u: Float64Array.of(1, 2), w: Float64Array.of(3) }, { u: Float64Array.of(1, 0), w: Float64Array.of(4) });
    expect(figures.mse).toBeCloseTo(5 / 3, 15);
    expect(figures.rmse).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(figures.relativeL2).toBeCloseTo(Math.sqrt(5 / 17), 15);
    expect(figures.maxAbs).toBe(2);
  });

  it('refuses components that differ in name or length', () => {
    expect(() => errorFiguresOfComponents({ u: [1], v: [2] }, { u: [1], w: [2] })).toThrow(
      expect.objectContaining({
        code: 'SHAPE_MISMATCH',
        message: 'errorFiguresOfComponents: the components differ (predicted lacks w; reference lacks v); give both the same names',
      }),
    );
    expect(() => errorFiguresOfComponents({ u: [1, 2] }, { u: [1] })).toThrow(
      "errorFiguresOfComponents: component 'u': predicted has 2 points but reference has 1",
    );
    expect(() => errorFiguresOfComponents({}, {})).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });
});
