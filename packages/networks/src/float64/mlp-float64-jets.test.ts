import { describe, expect, it } from 'vitest';
import { sin } from '../activations/sin.ts';
import { tanh } from '../activations/tanh.ts';
import { mlpFloat64Jets } from './mlp-float64-jets.ts';
import { seededRandom } from '@quadrant/spec';

const parameterCount = (widths: readonly number[]): number => widths.slice(1).reduce((total, width, l) => total + (widths[l]! + 1) * width, 0);

/** Parameters drawn in [−1, 1) from a seed. */
const drawParameters = (widths: readonly number[], seed: number): Float64Array => {
  const random = seededRandom(seed);
  return Float64Array.from({ length: parameterCount(widths) }, () => 2 * random.uniform() - 1);
};

describe('mlpFloat64Jets', () => {
  it('gives y^(k) = Σ v_u w_u^k tanh^(k)(w_u t + b_u) and its Jacobian in closed form for one hidden layer, orders 0..4', () => {
    // Parameters in layout order: w (1×2), b (2), v (2×1), c (1).
    const [w0, w1, b0, b1, v0, v1, c] = [0.7, -1.3, 0.2, -0.4, 1.5, -0.6, 0.3];
    const parameters = Float64Array.from([w0, w1, b0, b1, v0, v1, c]);
    const ts = Float64Array.from([-1.5, -0.25, 0.5, 2]);
    const jets = mlpFloat64Jets([1, 2, 1], tanh.float64!, 4);
    const sigma = new Float64Array(6);
    for (let order = 0; order <= 4; order++) {
      const result = jets(parameters, ts, order, true);
      ts.forEach((t, i) => {
        const units = [
          { w: w0, b: b0, v: v0 },
          { w: w1, b: b1, v: v1 },
        ].map(({ w, b, v }) => {
          tanh.float64!(w * t + b, sigma, 5);
          return { w, v, sigma: Float64Array.from(sigma) };
        });
        for (let k = 0; k <= order; k++) {
          const expected = units.reduce((total, { w, v, sigma: s }) => total + v * w ** k * s[k]!, k === 0 ? c : 0);
          expect(result.jets[k]![i]!, `y^(${k}) at t = ${t}`).toBeCloseTo(expected, 13);
          const row = Array.from(result.jacobian![k]!.subarray(i * 7, (i + 1) * 7));
          const [first, second] = units as [(typeof units)[0], (typeof units)[0]];
          const dw = ({ w, v, sigma: s }: typeof first) => v * ((k === 0 ? 0 : k * w ** (k - 1) * s[k]!) + w ** k * t * s[k + 1]!);
          const db = ({ w, v, sigma: s }: typeof first) => v * w ** k * s[k + 1]!;
          const dv = ({ w, sigma: s }: typeof first) => w ** k * s[k]!;
          const expectedRow = [dw(first), dw(second), db(first), db(second), dv(first), dv(second), k === 0 ? 1 : 0];
          row.forEach((value, p) => {
            expect(value, `∂y^(${k})/∂parameter ${p} at t = ${t}, order ${order}`).toBeCloseTo(expectedRow[p]!, 12);
          });
        }
      });
    }
  });

  it('gives, through three hidden layers and two outputs, a Jacobian equal to central differences of its jets for every order asked and every parameter', () => {
    const widths = [1, 5, 4, 3, 2];
    const size = parameterCount(widths);
    const parameters = drawParameters(widths, 11);
    const ts = Float64Array.from([-1.25, 0.125, 0.875]);
    const jets = mlpFloat64Jets(widths, sin.float64!, 4);
    const h = 2 ** -12;
    for (const order of [0, 2, 4]) {
      const { jacobian } = jets(parameters, ts, order, true);
      for (let p = 0; p < size; p++) {
        const at = (offset: number): readonly Float64Array[] => {
          const moved = parameters.slice();
          moved[p] = parameters[p]! + offset * h;
          return jets(moved, ts, order, false).jets;
        };
        const [minus2, minus1, plus1, plus2] = [at(-2), at(-1), at(1), at(2)];
        for (let k = 0; k <= order; k++) {
          for (let row = 0; row < ts.length * 2; row++) {
            const difference = (minus2![k]![row]! - 8 * minus1![k]![row]! + 8 * plus1![k]![row]! - plus2![k]![row]!) / (12 * h);
            expect(Math.abs(jacobian![k]![row * size + p]! - difference), `order ${order}: ∂y^(${k})[${row}]/∂parameter ${p}`).toBeLessThan(
              1e-8 * (1 + Math.abs(difference)),
            );
          }
        }
      }
    }
  });

  it('gives the same jets with and without the Jacobian, no Jacobian unless asked, and empty blocks for no points', () => {
    const widths = [1, 6, 6, 2];
    const parameters = drawParameters(widths, 3);
    const jets = mlpFloat64Jets(widths, tanh.float64!, 4);
    const ts = Float64Array.from([-1, 0.5, 1.5]);
    const plain = jets(parameters, ts, 3, false);
    const withJacobian = jets(parameters, ts, 3, true);
    expect(plain.jacobian).toBeUndefined();
    expect(plain.jets.map((jet) => Array.from(jet))).toEqual(withJacobian.jets.map((jet) => Array.from(jet)));
    expect(withJacobian.jacobian!.map((block) => block.length)).toEqual([0, 1, 2, 3].map(() => 3 * 2 * parameterCount(widths)));
    const none = jets(parameters, new Float64Array(0), 2, true);
    expect(none.jets.map((jet) => jet.length)).toEqual([0, 0, 0]);
    expect(none.jacobian!.map((block) => block.length)).toEqual([0, 0, 0]);
  });

  it('gives y = t·W + b, y′ = W and a Jacobian of t and 1 without hidden layers', () => {
    const jets = mlpFloat64Jets([1, 2], tanh.float64!, 4);
    const result = jets(Float64Array.from([2, -3, 0.5, 0.25]), Float64Array.from([1.5]), 2, true);
    expect(result.jets.map((jet) => Array.from(jet))).toEqual([
      [3.5, -4.25],
      [2, -3],
      [0, 0],
    ]);
    expect(result.jacobian!.map((block) => Array.from(block))).toEqual([
      [1.5, 0, 1, 0, 0, 1.5, 0, 1],
      [1, 0, 0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
    ]);
  });
});
