import { keep, mul, scalar, slice, step, type Tensor, type Tensor2D, tensor, tensor2d, tidy, zeros } from '@tensorflow/tfjs-core';
import { type ArchitectureV1, type ConformanceCheck, defineArchitecture, type Float64PathV1, type NetworkV1 } from '@quadrant/spec';
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
/** An mlp whose float64 path is altered. */
const float64Altered = (alter: (path: Float64PathV1, network: NetworkV1) => Float64PathV1): ArchitectureV1<MlpOptions> =>
  mlpAltered((network) => ({ ...network, float64: alter(network.float64!, network) }));
/** tanh whose float64 derivative of one order is scaled (the tensor ones stay right). */
const tanhFloat64With = (order: number, factor: number): Activation => ({
  ...tanh,
  float64: (x, out, upTo) => {
    tanh.float64!(x, out, upTo);
    if (order <= upTo) out[order] = out[order]! * factor;
  },
});
/** A float64 path whose Jacobian is changed, entry by entry: `change(value, order, parameter)`. */
const withJacobian = (change: (value: number, order: number, parameter: number) => number) =>
  float64Altered((path) => ({
    ...path,
    jets: (parameters, t, order, jacobian) => {
      const result = path.jets(parameters, t, order, jacobian);
      if (result.jacobian === undefined) return result;
      return { jets: result.jets, jacobian: result.jacobian.map((block, k) => block.map((value, entry) => change(value, k, entry % path.size))) };
    },
  }));
const float64Check = {
  tfjs: 'equal the tfjs jets',
  jacobian: 'Jacobian of jets',
  roundTrip: 'write then read',
  refusal: 'float64 path, when declared: asking for more',
  fresh: 'new arrays on every call',
} as const;

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
    await expect(byName(checks, jetCheck(2)).run()).rejects.toThrow(
      /the jet of order 2 is not the derivative of the jet of order 1 at \d+ of \d+ points; t = /,
    );
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
        first.assign(
          tensor(
            Float32Array.from({ length: first.size }, () => Math.random()),
            first.shape,
          ),
        );
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
      jets: (input, order) => [
        ...network.jets(input, Math.min(order, 4)),
        ...Array.from({ length: Math.max(0, order - 4) }, () => zeros([input.shape[0], 2]) as Tensor2D),
      ],
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

  it("passes the built-in mlp's float64 path, at order 4 with two outputs", async () => {
    const checks = architectureConformance(mlp, { options: { activation: 'sin' } });
    for (const fragment of Object.values(float64Check)) await byName(checks, fragment).run();
  });

  it('catches float64 jets whose σ′ is one part in 10⁴ off, against the tfjs jets', async () => {
    const checks = architectureConformance(mlpWith(tanhFloat64With(1, 1 + 1e-4)));
    await expect(byName(checks, float64Check.tfjs).run()).rejects.toThrow(
      /at the parameters as built, the float64 jet of order 1 differs from the tfjs jet at point \d+, output \d/,
    );
  });

  it('catches a Jacobian without the first bias in the derivatives (as if the bias reached the value only), and passes its jets', async () => {
    const checks = architectureConformance(
      withJacobian((value, k, parameter) => (k >= 1 && parameter >= 32 && parameter < 64 ? 0 : value)),
      { options: { hidden: [32, 16] } },
    );
    await byName(checks, float64Check.tfjs).run();
    await expect(byName(checks, float64Check.jacobian).run()).rejects.toThrow(
      /the float64 Jacobian is not the derivative of the float64 jets at \d+ of \d+ entries; order 1, t = [^,]+, output \d, parameter (3[2-9]|[4-5]\d|6[0-3]):/,
    );
  });

  it('catches a Jacobian one part in 10⁵ off', async () => {
    const checks = architectureConformance(withJacobian((value) => value * (1 + 1e-5)));
    await expect(byName(checks, float64Check.jacobian).run()).rejects.toThrow(/the float64 Jacobian is not the derivative of the float64 jets/);
  });

  it('catches a path that hands out the same arrays again, and one that hands out a cache it copies from later', async () => {
    const reused = float64Altered((path) => {
      let last: ReturnType<Float64PathV1['jets']> | undefined;
      return { ...path, jets: (parameters, t, order, jacobian) => (last ??= path.jets(parameters, t, order, jacobian)) };
    });
    await expect(byName(architectureConformance(reused), float64Check.fresh).run()).rejects.toThrow(/returned an array it returned before/);
    // A cache handed out the first time and copied after: new arrays, but what the caller wrote comes back.
    const aliased = float64Altered((path) => {
      let cache: ReturnType<Float64PathV1['jets']> | undefined;
      return {
        ...path,
        jets: (parameters, t, order, jacobian) => {
          if (cache === undefined) {
            cache = path.jets(parameters, t, order, jacobian);
            return cache;
          }
          return {
            jets: cache.jets.map((jet) => jet.slice()),
            ...(cache.jacobian === undefined ? {} : { jacobian: cache.jacobian.map((block) => block.slice()) }),
          };
        },
      };
    });
    await expect(byName(architectureConformance(aliased), float64Check.fresh).run()).rejects.toThrow(/changed after the caller overwrote/);
  });

  it('catches a write that keeps only the float32 rounding', async () => {
    const rounding = float64Altered((path) => ({ ...path, write: (parameters) => path.write(Float64Array.from(Float32Array.from(parameters))) }));
    await expect(byName(architectureConformance(rounding), float64Check.roundTrip).run()).rejects.toThrow(
      /float64.read\(\) after write\(\) does not give back what was written/,
    );
  });

  it('catches a write that leaves the variables (and so the tfjs jets) as they were', async () => {
    const detached = float64Altered((path) => {
      let copy: Float64Array | undefined;
      return {
        ...path,
        read: () => copy?.slice() ?? path.read(),
        write: (parameters) => {
          copy = parameters.slice();
        },
      };
    });
    await expect(byName(architectureConformance(detached), float64Check.roundTrip).run()).rejects.toThrow(
      /after float64.write\(\) variable value 0 is .*, expected the float32 rounding of/,
    );
  });

  it('catches a read that keeps giving the float64 copy after the variables were moved', async () => {
    const stale = float64Altered((path) => {
      let copy: Float64Array | undefined;
      return {
        ...path,
        read: () => copy?.slice() ?? path.read(),
        write: (parameters) => {
          copy = parameters.slice();
          path.write(parameters);
        },
      };
    });
    await expect(byName(architectureConformance(stale), float64Check.roundTrip).run()).rejects.toThrow(
      /read\(\) after the variables were moved must give their values/,
    );
  });

  it('catches float64 jets that answer orders above jetOrder instead of refusing', async () => {
    const lenient = float64Altered((path) => ({ ...path, jets: (parameters, t, order, jacobian) => path.jets(parameters, t, Math.min(order, 4), jacobian) }));
    await expect(byName(architectureConformance(lenient), float64Check.refusal).run()).rejects.toThrow(
      /float64.jets\(…, 5, …\) above jetOrder 4 must throw QuadrantError JETS_UNSUPPORTED; got a result/,
    );
  });

  it('catches a float64 path on a network with two inputs, whose jets cannot know the second', async () => {
    const twoInputs = mlpAltered((network) => ({
      ...network,
      float64: { size: 0, read: () => new Float64Array(0), write: () => undefined, jets: () => ({ jets: [] }) },
    }));
    await expect(byName(architectureConformance(twoInputs, { shape: { inputs: 2 } }), float64Check.tfjs).run()).rejects.toThrow(
      /has 2 input columns and declares a float64 path/,
    );
  });
});
