import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { NoSuchEntryError, QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { differenceEstimate } from '../conformance/difference-estimate.ts';
import { activationNameIn, createActivationRegistry, sameActivations } from './activation-registry.ts';
import { activationName, activations, defaultActivations, resolveActivation } from './activations.ts';
import { sin } from './sin.ts';
import { tanh } from './tanh.ts';

// z on a grid of 1/16 with steps that are powers of two: every stencil point is exact in float32.
const zs = Array.from({ length: 17 }, (_, i) => -4 + i / 2);
const steps = [2 ** -4, 2 ** -5, 2 ** -6, 2 ** -7, 2 ** -8, 2 ** -9];
const offsets = [-2, -1, 1, 2] as const;

/** σ…σ^(5) at each point from the activation's float64 counterpart, [k][point]. */
function float64At(name: keyof typeof activations, points: readonly number[]): number[][] {
  const out = new Float64Array(6);
  const result: number[][] = Array.from({ length: 6 }, () => []);
  for (const point of points) {
    activations[name].float64!(point, out, 5);
    out.forEach((value, k) => {
      result[k]!.push(value);
    });
  }
  return result;
}

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
          const sample = (s: number, j: number): number =>
            atStencil[k - 1]![(i * steps.length + s) * offsets.length + offsets.indexOf(j as (typeof offsets)[number])]!;
          const estimate = differenceEstimate(sample, steps, (h) => 1e-5 / h + 1e-4);
          expect(estimate, `${name} σ^(${k}) at z = ${z}`).toBeDefined();
          expect(atPoints[k]![i], `${name} σ^(${k}) at z = ${z}`).toBeCloseTo(estimate!.value, 3);
        });
      }
    });

    it(`${name}: the float64 counterpart gives the tensor derivatives to float32 rounding, k = 0..5`, () => {
      const tensors = derivativesAt(name, zs);
      const float64 = float64At(name, zs);
      tensors.forEach((values, k) => {
        const scale = Math.max(1, ...values.map(Math.abs));
        values.forEach((value, i) => {
          expect(Math.abs(float64[k]![i]! - value), `${name} σ^(${k}) at z = ${zs[i]}`).toBeLessThan(2e-6 * scale);
        });
      });
    });

    it(`${name}: float64 σ^(k) is the derivative of float64 σ^(k−1) to 1e-8, k = 1..5`, () => {
      const h = 2 ** -10;
      for (const z of zs) {
        // leaky-relu's kink at 0 is the one point where σ' has no derivative.
        if (name === 'leaky-relu' && z === 0) continue;
        const [atZ, minus2, minus1, plus1, plus2] = [z, z - 2 * h, z - h, z + h, z + 2 * h].map((point) => float64At(name, [point]).map(([value]) => value!));
        for (let k = 1; k <= 5; k++) {
          const difference = (minus2![k - 1]! - 8 * minus1![k - 1]! + 8 * plus1![k - 1]! - plus2![k - 1]!) / (12 * h);
          expect(Math.abs(atZ![k]! - difference), `${name} σ^(${k}) at z = ${z}`).toBeLessThan(1e-8 * (1 + Math.abs(difference)));
        }
      }
    });

    it(`${name}: the float64 counterpart writes out[0..order] and nothing beyond`, () => {
      const full = float64At(name, [0.75]).map(([value]) => value!);
      for (let order = 0; order <= 5; order++) {
        const out = new Float64Array(7).fill(Number.NaN);
        activations[name].float64!(0.75, out, order);
        expect(Array.from(out.subarray(0, order + 1))).toEqual(full.slice(0, order + 1));
        expect(Array.from(out.subarray(order + 1)).every(Number.isNaN)).toBe(true);
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

  it('leaky-relu in float64 has the slope of tfjs step: 1 for z > 0, negativeSlope for z ≤ 0', () => {
    const out = new Float64Array(3);
    const steeper = resolveActivation('leaky-relu', { negativeSlope: 0.2 }).float64!;
    steeper(-2, out, 2);
    expect(Array.from(out)).toEqual([-0.4, 0.2, 0]);
    steeper(0, out, 1);
    expect(out[1]).toBe(0.2);
    steeper(3, out, 2);
    expect(Array.from(out)).toEqual([3, 1, 0]);
  });

  it('tanh, sigmoid and softplus keep their relative accuracy in float64 where 1 − s², g(1 − g) and 1 − 2g cancel', () => {
    const out = new Float64Array(3);
    const tail = Math.exp(-40);
    activations.tanh.float64!(20, out, 1);
    expect(Math.abs(out[1]! / ((4 * tail) / (1 + tail) ** 2) - 1)).toBeLessThan(1e-14);
    activations.tanh.float64!(-0.1, out, 1);
    expect(Math.abs(out[0]! / Math.tanh(-0.1) - 1)).toBeLessThan(1e-15);
    expect(Math.abs(out[1]! / Math.cosh(0.1) ** -2 - 1)).toBeLessThan(1e-15);
    activations.sigmoid.float64!(-40, out, 2);
    expect(Math.abs(out[0]! / (tail / (1 + tail)) - 1)).toBeLessThan(1e-14);
    expect(Math.abs(out[1]! / (tail / (1 + tail) ** 2) - 1)).toBeLessThan(1e-14);
    activations.sigmoid.float64!(1e-10, out, 2);
    // σ'' = g(1 − g)(1 − 2g) with 1 − 2g = −tanh(z/2).
    expect(Math.abs(out[2]! / (0.25 * -5e-11) - 1)).toBeLessThan(1e-9);
    activations.softplus.float64!(-40, out, 0);
    expect(Math.abs(out[0]! / Math.log1p(tail) - 1)).toBeLessThan(1e-14);
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
    expect((error as Error).message).toBe("no such activation 'tahn'; available: leaky-relu, sigmoid, silu, sin, softplus, tanh (did you mean 'tanh'?)");
    expect(() => resolveActivation('toString')).toThrow(NoSuchEntryError);
  });

  it('the option schema refuses an unknown name with the same message', () => {
    const parsed = activationName.safeParse('sine');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("no such activation 'sine'; available: leaky-relu, sigmoid, silu, sin, softplus, tanh (did you mean 'sin'?)");
  });
});

describe('activation registries', () => {
  it('look names up, refuse an unknown one with the closest and a duplicate one by name', () => {
    const registry = createActivationRegistry([tanh, sin]);
    expect(registry.names).toEqual(['sin', 'tanh']);
    expect(registry.get('sin')).toBe(sin);
    expect(() => registry.get('sni')).toThrow("no such activation 'sni'; available: sin, tanh (did you mean 'sin'?)");
    expect(() => createActivationRegistry([tanh, tanh])).toThrow(expect.objectContaining({ code: 'DUPLICATE_ENTRY' }));
    expect(sameActivations(registry, createActivationRegistry([sin, tanh]))).toBe(true);
    expect(sameActivations(registry, defaultActivations)).toBe(false);
  });

  it('option schemas read the registry they are given, with the message of NoSuchEntryError', () => {
    const schema = activationNameIn(createActivationRegistry([tanh, sin]));
    expect(schema.parse('sin')).toBe('sin');
    expect(schema.safeParse('tahn').error?.issues[0]?.message).toBe("no such activation 'tahn'; available: sin, tanh (did you mean 'tanh'?)");
    expect(resolveActivation('sin', {}, createActivationRegistry([sin]))).toBe(sin);
    expect(defaultActivations.names).toEqual(['leaky-relu', 'sigmoid', 'silu', 'sin', 'softplus', 'tanh']);
  });
});
