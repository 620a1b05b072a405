import { keep, mul, scalar, slice, step, type Tensor, type Tensor2D, tensor, tensor2d, tidy, zeros } from '@tensorflow/tfjs-core';
import { type ArchitectureV1, type ConformanceCheck, defineArchitecture, type NetworkV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Activation } from '../activations/activation.ts';
import { leakyRelu } from '../activations/leaky-relu.ts';
import { tanh } from '../activations/tanh.ts';
import { buildMlp, type MlpOptions, mlp } from '../mlp.ts';
import { withAutodiffVjp } from '../transforms/autodiff-vjp.fixture.ts';
import { architectureConformance } from './architecture-conformance.ts';

/** An mlp whose activation is replaced: the way a wrong derivative would slip into an architecture. */
const mlpWith = (activation: Activation): ArchitectureV1<MlpOptions> =>
  defineArchitecture({ ...mlp, build: (options, shape) => buildMlp(options, shape, activation) });
/** tanh with one derivative changed. */
const tanhWith = (order: number, change: (derivative: Tensor2D) => Tensor2D): Activation => ({
  ...tanh,
  derivatives: (z, upTo) => tanh.derivatives(z, upTo).map((derivative, k) => (k === order && derivative !== undefined ? change(derivative) : derivative)),
});
/** An mlp whose built networks are altered. */
const mlpAltered = (alter: (network: NetworkV1) => NetworkV1): ArchitectureV1<MlpOptions> =>
  defineArchitecture({ ...mlp, build: (options, shape) => alter(mlp.build(options, shape)) });

const byName = (checks: readonly ConformanceCheck[], fragment: string): ConformanceCheck => {
  const found = checks.find((check) => check.name.includes(fragment));
  if (found === undefined) throw new Error(`no check named like '${fragment}' in ${checks.map((check) => check.name).join(' | ')}`);
  return found;
};
const jetCheck = (k: number): string => `the jet of order ${k} matches`;

describe('architectureConformance', () => {
  it('names its checks after the architecture and has one finite-difference check per order', () => {
    const names = architectureConformance(mlp, { order: 3 }).map((check) => check.name);
    expect(names.every((name) => name.startsWith('mlp: '))).toBe(true);
    expect(names.filter((name) => name.includes('central differences'))).toHaveLength(3);
    expect(architectureConformance(mlp).filter((check) => check.name.includes('central differences'))).toHaveLength(4);
  });

  it('catches a sign error in σ′′ at order 2, not before', async () => {
    const checks = architectureConformance(mlpWith(tanhWith(2, (d) => mul(d, -1))));
    await byName(checks, jetCheck(1)).run();
    await expect(byName(checks, jetCheck(2)).run()).rejects.toThrow(/the jet of order 2 is not the derivative of the jet of order 1 at \d+ of \d+ points; t = /);
  });

  it('catches a coefficient off by 1/8 in σ′′′′ (8sp(2 − 3s²) written as 7sp(2 − 3s²)) at order 4 only', async () => {
    const checks = architectureConformance(mlpWith(tanhWith(4, (d) => mul(d, 7 / 8))));
    for (const k of [1, 2, 3]) await byName(checks, jetCheck(k)).run();
    await expect(byName(checks, jetCheck(4)).run()).rejects.toThrow(/order 4 is not the derivative/);
  });

  it('catches σ′ one percent off', async () => {
    const checks = architectureConformance(mlpWith(tanhWith(1, (d) => mul(d, 1.01))));
    await expect(byName(checks, jetCheck(1)).run()).rejects.toThrow(/order 1 is not the derivative/);
  });

  it('catches a leaky-relu network that forgets its slope for z < 0, despite the kinks', async () => {
    const slopeless: Activation = { ...leakyRelu, derivatives: (z, order) => leakyRelu.derivatives(z, order).map((d, k) => (k === 1 ? step(z, 1) : d)) };
    const checks = architectureConformance(mlpWith(slopeless), { options: { activation: 'leaky-relu' } });
    await expect(byName(checks, jetCheck(1)).run()).rejects.toThrow(/order 1 is not the derivative/);
  });

  it('catches right jets whose weight gradients are wrong (σ′ computed off the autodiff tape)', async () => {
    const offTape = tanhWith(1, (d) => tensor2d(d.dataSync(), d.shape));
    const checks = architectureConformance(mlpWith(offTape));
    for (const k of [1, 2, 3, 4]) await byName(checks, jetCheck(k)).run();
    await expect(byName(checks, 'weight gradients').run()).rejects.toThrow(/weight gradients through the jets are wrong at \d+ of \d+ weights; variable/);
  });

  it('catches a build that ignores the seed', async () => {
    const random = mlpAltered((network) => {
      const first = network.variables[0]!;
      tidy(() => {
        first.assign(tensor(Float32Array.from({ length: first.size }, () => Math.random()), first.shape));
      });
      return network;
    });
    await expect(byName(architectureConformance(random), 'one seed').run()).rejects.toThrow(/two builds with seed 1 differ in variable 0/);
  });

  it('catches an option schema without defaults', async () => {
    const strict = defineArchitecture({ ...mlp, options: z.object({ hidden: z.array(z.number()) }) as never });
    await expect(byName(architectureConformance(strict), 'parses {}').run()).rejects.toThrow(/options \{\} fail the schema at 'hidden'/);
  });

  it('catches jets of the wrong shape', async () => {
    const narrow = mlpAltered((network) => ({ ...network, jets: (input, order) => network.jets(input, order).map((jet) => slice(jet, [0, 0], [-1, 1])) }));
    await expect(byName(architectureConformance(narrow), 'have shape').run()).rejects.toThrow(/jet of order 0 has shape \[16, 1\], expected \[16, 2\]/);
  });

  it('catches a network that answers orders above its jetOrder instead of refusing', async () => {
    const lenient = mlpAltered((network) => ({
      ...network,
      jets: (input, order) => [...network.jets(input, Math.min(order, 4)), ...Array.from({ length: Math.max(0, order - 4) }, () => zeros([input.shape[0], 2]) as Tensor2D)],
    }));
    await expect(byName(architectureConformance(lenient), 'JETS_UNSUPPORTED').run()).rejects.toThrow(/jets\(input, 5\) above jetOrder 4 must throw/);
  });

  it('catches a tensor kept on every call, and a dispose that frees nothing', async () => {
    const leaky = mlpAltered((network) => ({
      ...network,
      jets: (input, order) => {
        // Kept on each of the two calls per step (gradient and plain jets).
        keep(scalar(1));
        return network.jets(input, order);
      },
    }));
    await expect(byName(architectureConformance(leaky), 'no tensor leaks').run()).rejects.toThrow(/6 tensors leaked over 3 calls/);
    const kept: NetworkV1[] = [];
    const undisposed = mlpAltered((network) => {
      kept.push(network);
      return { ...network, dispose: () => undefined };
    });
    await expect(byName(architectureConformance(undisposed), 'no tensor leaks').run()).rejects.toThrow(/6 tensors remain after dispose\(\)/);
    for (const network of kept) network.dispose();
  });

  it('checks jetsWithVjp against autodiff when a network offers it', async () => {
    const right = mlpAltered(withAutodiffVjp);
    await byName(architectureConformance(right, { options: { activation: 'sin' } }), 'jetsWithVjp').run();
    const wrong = mlpAltered((network) => {
      const fast = withAutodiffVjp(network);
      return {
        ...fast,
        jetsWithVjp: (input, order) => {
          const { jets, vjp } = fast.jetsWithVjp!(input, order);
          return { jets, vjp: (cotangents) => vjp(cotangents).map((gradient: Tensor) => mul(gradient, 1.01)) };
        },
      };
    });
    await expect(byName(architectureConformance(wrong), 'jetsWithVjp').run()).rejects.toThrow(/vjp's gradient of variable \d differs from tfjs autodiff/);
  });
});
