import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { NoSuchEntryError, QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { differenceEstimate } from '../conformance/difference-estimate.ts';
import { activationName, activations, resolveActivation } from './activations.ts';

// z on a grid of 1/16 with steps that are powers of two: every stencil point is exact in float32.
const zs = Array.from({ length: 17 }, (_, i) => -4 + i / 2);
const steps = [2 ** -4, 2 ** -5, 2 ** -6, 2 ** -7, 2 ** -8, 2 ** -9];
const offsets = [-2, -1, 1, 2] as const;

function derivativesAt(name: keyof typeof activations, points: readonly number[]): number[][] {
  const result: number[][] = [];
  tidy(() => {
    const derivatives = activations[name].derivatives(tensor2d([...points], [points.length, 1]), 5);
    for (const derivative of derivatives) result.push(derivative === undefined ? points.map(() => 0) : Array.from(derivative.dataSync()));
  });
  return result;
}

describe('activations', () => {
  for (const name of Object.keys(activations) as (keyof typeof activations)[]) {
    it(`${name}: σ^(k) is the derivative of σ^(k−1) for k = 1..5 (central differences in float64)`, () => {
      const stencil = zs.flatMap((z) => steps.flatMap((h) => offsets.map((j) => z + j * h)));
      const atStencil = derivativesAt(name, stencil);
      const atPoints = derivativesAt(name, zs);
      for (let k = 1; k <= 5; k++) {
        zs.forEach((z, i) => {
          // leaky-relu's kink at 0 is the one point where σ' has no derivative.
          if (name === 'leaky-relu' && z === 0) return;
          const sample = (s: number, j: number): number => atStencil[k - 1]![(i * steps.length + s) * offsets.length + offsets.indexOf(j as (typeof offsets)[number])]!;
          const estimate = differenceEstimate(sample, steps, (h) => 1e-5 / h + 1e-4);
          expect(estimate, `${name} σ^(${k}) at z = ${z}`).toBeDefined();
          expect(atPoints[k]![i], `${name} σ^(${k}) at z = ${z}`).toBeCloseTo(estimate!.value, 3);
        });
      }
    });

    it(`${name}: gives exactly order + 1 entries`, () => {
      tidy(() => {
        const z = tensor2d([[0.5, -1]]);
        for (let order = 0; order <= 5; order++) expect(activations[name].derivatives(z, order)).toHaveLength(order + 1);
      });
      expect(activations[name].name).toBe(name);
      expect(activations[name].maxOrder).toBe(5);
    });
  }

  it('leaky-relu has slope 0.01 for z < 0 by default, any slope on request, and zero higher derivatives', () => {
    tidy(() => {
      const z = tensor2d([[-2, 3]]);
      const [value, slope, second] = activations['leaky-relu'].derivatives(z, 2);
      expect(Array.from(value!.dataSync())).toEqual([Math.fround(-0.02), 3]);
      expect(Array.from(slope!.dataSync())).toEqual([Math.fround(0.01), 1]);
      expect(second).toBeUndefined();
      const steeper = resolveActivation('leaky-relu', { negativeSlope: 0.2 }).derivatives(z, 1);
      expect(Array.from(steeper[1]!.dataSync())).toEqual([Math.fround(0.2), 1]);
    });
  });

  it('an unknown name is a NoSuchEntryError listing the activations and the closest', () => {
    let error: unknown;
    try {
      resolveActivation('tahn');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NoSuchEntryError);
    expect(QuadrantError.hasCode(error, 'NO_SUCH_ENTRY')).toBe(true);
    expect((error as Error).message).toBe(
      "no such activation 'tahn'; available: leaky-relu, sigmoid, silu, sin, softplus, tanh (did you mean 'tanh'?)",
    );
    expect(() => resolveActivation('toString')).toThrow(NoSuchEntryError);
  });

  it('the option schema refuses an unknown name with the same message', () => {
    const parsed = activationName.safeParse('sine');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("no such activation 'sine'; available: leaky-relu, sigmoid, silu, sin, softplus, tanh (did you mean 'sin'?)");
  });
});
