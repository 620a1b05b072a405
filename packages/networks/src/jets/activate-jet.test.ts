import { type Tensor2D, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { activations } from '../activations/activations.ts';
import { activateJet } from './activate-jet.ts';
import type { Jet } from './jet.ts';

const ts = [-1.3, -0.4, 0.2, 0.9, 1.1];
const column = (values: readonly number[]): Tensor2D => tensor2d([...values], [values.length, 1]);

function composed(z: () => Jet, name: keyof typeof activations): (number[] | undefined)[] {
  const result: (number[] | undefined)[] = [];
  tidy(() => {
    for (const block of activateJet(z(), activations[name])) result.push(block === undefined ? undefined : Array.from(block.dataSync()));
  });
  return result;
}

describe('activateJet (Faà di Bruno)', () => {
  it('gives the derivatives of sin(t²) up to order 4 (z′′′ = 0: terms in z′ and z′′ only)', () => {
    const a = composed(() => [column(ts.map((t) => t * t)), column(ts.map((t) => 2 * t)), column(ts.map(() => 2)), undefined, undefined], 'sin');
    ts.forEach((t, i) => {
      const u = t * t;
      const expected = [
        Math.sin(u),
        2 * t * Math.cos(u),
        2 * Math.cos(u) - 4 * t * t * Math.sin(u),
        -12 * t * Math.sin(u) - 8 * t ** 3 * Math.cos(u),
        -12 * Math.sin(u) - 48 * t * t * Math.cos(u) + 16 * t ** 4 * Math.sin(u),
      ];
      expected.forEach((value, n) => {
        expect(a[n]![i], `order ${n} at t = ${t}`).toBeCloseTo(value, 4);
      });
    });
  });

  it('gives the derivatives of sin(t³) up to order 4 (terms in z′, z′′ and z′′′)', () => {
    const a = composed(
      () => [column(ts.map((t) => t ** 3)), column(ts.map((t) => 3 * t * t)), column(ts.map((t) => 6 * t)), column(ts.map(() => 6)), undefined],
      'sin',
    );
    ts.forEach((t, i) => {
      const u = t ** 3;
      const expected = [
        Math.sin(u),
        3 * t * t * Math.cos(u),
        6 * t * Math.cos(u) - 9 * t ** 4 * Math.sin(u),
        6 * Math.cos(u) - 54 * t ** 3 * Math.sin(u) - 27 * t ** 6 * Math.cos(u),
        -180 * t * t * Math.sin(u) - 324 * t ** 5 * Math.cos(u) + 81 * t ** 8 * Math.sin(u),
      ];
      expected.forEach((value, n) => {
        expect(a[n]![i], `order ${n} at t = ${t}`).toBeCloseTo(value, 3);
      });
    });
  });

  it("broadcasts a one-row z′ (the first layer's W[0, :]) and gives σ^(n)(z)·z′ⁿ when z′′ = 0", () => {
    const slope = [0.5, -2];
    const a = composed(
      () => [
        tensor2d([
          [0.1, 0.2],
          [0.3, -0.4],
          [1, 2],
        ]),
        tensor2d([slope]),
        undefined,
        undefined,
      ],
      'tanh',
    );
    const z = [0.1, 0.2, 0.3, -0.4, 1, 2];
    z.forEach((value, i) => {
      const s = Math.tanh(value);
      const p = 1 - s * s;
      const w = slope[i % 2]!;
      expect(a[1]![i]).toBeCloseTo(p * w, 6);
      // 5 digits from σ'' on: float32 tanh (2·sigmoid(2z) − 1, within 1.8e-7) times z′² = 4.
      expect(a[2]![i]).toBeCloseTo(-2 * s * p * w * w, 5);
      expect(a[3]![i]).toBeCloseTo(p * (6 * s * s - 2) * w ** 3, 5);
    });
    expect(a[1]).toHaveLength(6);
  });

  it('drops the terms of derivatives that are identically zero: leaky-relu gives a′′ = σ′ z′′, and nothing when z′′ = 0', () => {
    const withCurvature = composed(() => [column([-1, 2]), column([3, 3]), column([5, 5])], 'leaky-relu');
    expect(withCurvature[2]![0]).toBeCloseTo(0.01 * 5, 7);
    expect(withCurvature[2]![1]).toBe(5);
    const straight = composed(() => [column([-1, 2]), column([3, 3]), undefined], 'leaky-relu');
    expect(straight[2]).toBeUndefined();
  });
});
