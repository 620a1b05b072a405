import { add, exp, keep, mul, neg, square, type Tensor2D } from '@tensorflow/tfjs-core';
import { type ActivationV1, type ConformanceCheck, defineActivation } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { builtInActivations } from '../activations/activations.ts';
import { leakyReluWithSlope } from '../activations/leaky-relu.ts';
import { tanh } from '../activations/tanh.ts';
import { activationConformance } from './activation-conformance.ts';

// A plug-in's activation: the Gaussian e^(−z²), whose k-th derivative is (−1)^k H_k(z)·e^(−z²),
// H_k the Hermite polynomials (coefficients from z⁰ up).
const hermite = [[1], [0, 2], [-2, 0, 4], [0, -12, 0, 8], [12, 0, -48, 0, 16], [0, 120, 0, -160, 0, 32]];
const gaussian = defineActivation({
  name: 'gaussian',
  description: 'Gaussian e^(−z²)',
  maxOrder: 5,
  derivatives: (z, order) => {
    const g = exp<Tensor2D>(neg(square(z)));
    return hermite.slice(0, order + 1).map((coefficients, k) => {
      const polynomial = coefficients.reduceRight<Tensor2D>((sum, c) => add(mul(sum, z), c), mul(z, 0));
      return mul<Tensor2D>(mul(g, polynomial), k % 2 === 0 ? 1 : -1);
    });
  },
  float64: (x, out, order) => {
    const g = Math.exp(-x * x);
    for (let k = 0; k <= order; k++) out[k] = (k % 2 === 0 ? 1 : -1) * g * hermite[k]!.reduceRight((sum, c) => sum * x + c, 0);
  },
});

/** tanh with the tensor derivative of one order scaled. */
const tanhWith = (order: number, factor: number): ActivationV1 => ({
  ...tanh,
  derivatives: (z, upTo) =>
    tanh.derivatives(z, upTo).map((derivative, k) => (k === order && derivative !== undefined ? mul<Tensor2D>(derivative, factor) : derivative)),
});
/** tanh with the float64 derivative of one order scaled (the tensor ones stay right). */
const tanhFloat64With = (order: number, factor: number): ActivationV1 => ({
  ...tanh,
  float64: (x, out, upTo) => {
    tanh.float64!(x, out, upTo);
    if (order <= upTo) out[order] = out[order]! * factor;
  },
});

const check = {
  shape: 'gives order + 1 finite entries',
  jets: 'for the jets',
  backward: 'hand-written backward',
  float64: 'equal the tensor derivatives',
  float64Differences: 'central differences in float64',
  leak: 'no tensor leaks',
} as const;

const byName = (checks: readonly ConformanceCheck[], fragment: string): ConformanceCheck => {
  const found = checks.find((candidate) => candidate.name.includes(fragment));
  if (found === undefined) throw new Error(`no check named like '${fragment}' in ${checks.map((candidate) => candidate.name).join(' | ')}`);
  return found;
};

/** Runs every check; the names of those that fail. */
async function failing(activation: ActivationV1): Promise<string[]> {
  const failed: string[] = [];
  for (const candidate of activationConformance(activation)) {
    try {
      await candidate.run();
    } catch {
      failed.push(candidate.name);
    }
  }
  return failed;
}

for (const activation of [...builtInActivations, leakyReluWithSlope(0.2), gaussian]) {
  describe(`activationConformance on ${activation.name === 'leaky-relu' && activation.description.includes('0.2') ? 'leaky-relu (slope 0.2)' : activation.name}`, () => {
    for (const candidate of activationConformance(activation)) it(candidate.name, candidate.run);
  });
}

describe('activationConformance catches broken activations', () => {
  it('names its checks after the activation, one per property', () => {
    const names = activationConformance(tanh).map((candidate) => candidate.name);
    expect(names).toHaveLength(6);
    for (const fragment of Object.values(check))
      expect(
        names.filter((name) => name.includes(fragment)),
        fragment,
      ).toHaveLength(1);
    for (const name of names) expect(name.startsWith('tanh: ')).toBe(true);
  });

  it('a wrong σ″ fails the jets check, naming the derivative and the point', async () => {
    await expect(byName(activationConformance(tanhWith(2, 1.01)), check.jets).run()).rejects.toThrow(/^tanh: σ\^\(2\) at z = -3\.75/);
  });

  it('a wrong σ^(5), which only the backward takes, fails the backward check and not the jets check', async () => {
    const broken = tanhWith(5, 1.05);
    const failed = await failing(broken);
    expect(failed.some((name) => name.includes(check.backward))).toBe(true);
    expect(failed.some((name) => name.includes(check.jets))).toBe(false);
    await expect(byName(activationConformance(broken), check.backward).run()).rejects.toThrow(/backward of order 4: cotangent of z\^\(0\)/);
  });

  it('float64 derivatives that disagree with the tensors fail the float64 check', async () => {
    await expect(byName(activationConformance(tanhFloat64With(3, 1.001)), check.float64).run()).rejects.toThrow(/float64 σ\^\(3\)/);
  });

  it('float64 derivatives that agree with float32 tensors but not with each other fail the differences check', async () => {
    // Off by 1e-7 relative: inside float32 rounding of the tensors, far outside float64 differences.
    const failed = await failing(tanhFloat64With(2, 1 + 1e-7));
    expect(failed.some((name) => name.includes(check.float64Differences))).toBe(true);
    expect(failed.some((name) => name.includes(check.float64))).toBe(false);
  });

  it('float64 writing past out[order] fails the float64 check', async () => {
    const spilling: ActivationV1 = { ...tanh, float64: (x, out, order) => tanh.float64!(x, out, Math.min(order + 1, out.length - 1, tanh.maxOrder)) };
    await expect(byName(activationConformance(spilling), check.float64).run()).rejects.toThrow(/wrote beyond out\[0\]/);
  });

  it('too few entries, or a value that changes with the order asked, fail the shape check', async () => {
    const short: ActivationV1 = { ...tanh, derivatives: (z, order) => tanh.derivatives(z, order).slice(0, Math.max(1, order)) };
    await expect(byName(activationConformance(short), check.shape).run()).rejects.toThrow(/derivatives\(z, 1\) gave 1 entries, expected 2/);
    const drifting: ActivationV1 = {
      ...tanh,
      derivatives: (z, order) => tanh.derivatives(z, order).map((entry, k) => (k === 0 && order > 2 ? mul<Tensor2D>(entry!, 2) : entry)),
    };
    await expect(byName(activationConformance(drifting), check.shape).run()).rejects.toThrow(/the value from derivatives\(z, 3\) differs/);
    await expect(byName(activationConformance({ ...tanh, specVersion: 'v0' } as unknown as ActivationV1), check.shape).run()).rejects.toThrow(
      /specVersion is "v0"/,
    );
  });

  it('a tensor kept past the tidy fails the leak check', async () => {
    const leaking: ActivationV1 = { ...tanh, derivatives: (z, order) => tanh.derivatives(z, order).map((entry, k) => (k === 1 ? keep(entry!) : entry)) };
    await expect(byName(activationConformance(leaking), check.leak).run()).rejects.toThrow(/tensors outlived the tidy/);
  });
});
