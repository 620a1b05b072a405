import { addN, matMul, memory, mul, profile, type Scalar, sum, type Tensor, type Tensor2D, tensor2d, tidy, variableGrads } from '@tensorflow/tfjs-core';
import { seededRandom } from '@quadrant/spec';
import type { NetworkV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { type ActivationName, activations } from './activations/activations.ts';
import { buildMlp, type MlpOptions, mlp } from './mlp.ts';
import type { MlpJetsWithVjp } from './mlp-jets-with-vjp.ts';
import { withExactInitialConditions } from './transforms/with-exact-initial-conditions.ts';

const build = (options: Partial<MlpOptions>, shape = { inputs: 1, outputs: 2, seed: 3 }) => buildMlp(mlp.options.parse(options), shape);

/** Row-major input [ts.length, inputs]: t in column 0, fixed values in the others. */
const inputFor = (ts: readonly number[], inputs: number): Tensor2D =>
  tensor2d(
    ts.flatMap((t, row) => [t, ...Array.from({ length: inputs - 1 }, (_, c) => 0.3 * (c + 1) - 0.1 * row)]),
    [ts.length, inputs],
  );
const points = [-1.9, -1.1, -0.6, -0.05, 0.4, 0.9, 1.3, 2.1];

/** Random cotangents for orders 0..order; the orders in `missing` are left out (= zero). */
function cotangentsFor(order: number, rows: number, columns: number, seed: number, missing: readonly number[] = []): (Tensor2D | undefined)[] {
  const random = seededRandom(seed);
  return Array.from({ length: order + 1 }, (_, k) =>
    missing.includes(k)
      ? undefined
      : tensor2d(
          Float32Array.from({ length: rows * columns }, () => 2 * random.uniform() - 1),
          [rows, columns],
        ),
  );
}

/** The reference: tfjs autodiff of Σ_k ⟨cotangent_k, jets_k⟩ through `network.jets`. */
function autodiffVjp(network: NetworkV1, input: Tensor2D, order: number, cotangents: readonly (Tensor2D | undefined)[]): Float32Array[] {
  const { grads } = variableGrads(() => {
    const jets = network.jets(input, order);
    return addN(jets.flatMap((jet, k) => (cotangents[k] === undefined ? [] : [sum<Scalar>(mul(jet, cotangents[k]!))])));
  }, [...network.variables]);
  return network.variables.map((variable) => Float32Array.from(grads[variable.name]?.dataSync() ?? new Float32Array(variable.size)));
}

const maxAbs = (values: ArrayLike<number>): number => Array.from(values).reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);
/** Largest entry-wise difference over the largest entry of `expected`, over all arrays. */
function relativeGap(got: readonly ArrayLike<number>[], expected: readonly ArrayLike<number>[]): number {
  const scale = Math.max(...expected.map(maxAbs));
  const gap = Math.max(...expected.map((want, i) => maxAbs(Array.from(want, (value, j) => value - got[i]![j]!))));
  return gap / scale;
}

/** Jets and gradients of the fast path against `jets` and autodiff: their relative gaps. */
function compare(network: NetworkV1, inputs: number, order: number, missing: readonly number[] = []): { jets: number; gradients: number } {
  let result = { jets: Number.NaN, gradients: Number.NaN };
  tidy(() => {
    const input = inputFor(points, inputs);
    const cotangents = cotangentsFor(order, points.length, network.shape.outputs, 17 + order, missing);
    const fast = network.jetsWithVjp!(input, order);
    const plain = network.jets(input, order);
    expect(fast.jets).toHaveLength(order + 1);
    fast.jets.forEach((jet, k) => {
      expect(jet.shape).toEqual(plain[k]!.shape);
    });
    const jets = relativeGap(
      fast.jets.map((jet) => jet.dataSync()),
      plain.map((jet) => jet.dataSync()),
    );
    const gradients = fast.vjp(cotangents);
    expect(gradients.map((gradient) => gradient.shape)).toEqual(network.variables.map((variable) => variable.shape));
    result = {
      jets,
      gradients: relativeGap(
        gradients.map((gradient) => gradient.dataSync()),
        autodiffVjp(network, input, order, cotangents),
      ),
    };
  });
  return result;
}

describe('mlp jetsWithVjp (hand-written backward)', () => {
  for (const activation of Object.keys(activations) as ActivationName[]) {
    it(`${activation}: jets equal jets() and vjp equals tfjs autodiff for orders 0..4`, () => {
      const network = build({ hidden: [6, 5], activation });
      try {
        for (let order = 0; order <= 4; order++) {
          const { jets, gradients } = compare(network, 1, order);
          expect(jets, `jets of order ≤ ${order}`).toBeLessThan(1e-6);
          expect(gradients, `gradients at order ${order}`).toBeLessThan(1e-5);
        }
      } finally {
        network.dispose();
      }
    });
  }

  it('counts a missing cotangent as zero', () => {
    const network = build({ hidden: [5, 4], activation: 'silu' });
    for (const missing of [[0], [1], [0, 2], [1, 2]]) {
      const { gradients } = compare(network, 1, 2, missing);
      expect(gradients, `missing orders ${missing.join(', ')}`).toBeLessThan(1e-5);
    }
    network.dispose();
  });

  it('works with two input columns, one output, a hidden width of 1 and no hidden layers', () => {
    const cases: [Partial<MlpOptions>, { inputs: number; outputs: number; seed: number }][] = [
      [
        { hidden: [6, 4], activation: 'sin' },
        { inputs: 2, outputs: 1, seed: 5 },
      ],
      [
        { hidden: [1, 3], activation: 'tanh' },
        { inputs: 1, outputs: 1, seed: 6 },
      ],
      [
        { hidden: [], activation: 'tanh' },
        { inputs: 1, outputs: 2, seed: 7 },
      ],
      [
        { hidden: [], activation: 'tanh' },
        { inputs: 3, outputs: 1, seed: 8 },
      ],
    ];
    for (const [options, shape] of cases) {
      const network = build(options, shape);
      for (const order of [0, 1, 2]) {
        const { jets, gradients } = compare(network, shape.inputs, order);
        expect(jets, `${JSON.stringify(options)} ${JSON.stringify(shape)}, order ${order}`).toBeLessThan(1e-6);
        expect(gradients, `${JSON.stringify(options)} ${JSON.stringify(shape)}, order ${order}`).toBeLessThan(1e-5);
      }
      network.dispose();
    }
  });

  it("in the article's configuration (1→50→50→50→1 leaky ReLU) at order 1", () => {
    const network = build({ hidden: [50, 50, 50], activation: 'leaky-relu', initialiser: 'pytorch-default' }, { inputs: 1, outputs: 1, seed: 1 });
    const { jets, gradients } = compare(network, 1, 1);
    expect(jets).toBeLessThan(1e-6);
    expect(gradients).toBeLessThan(1e-5);
    network.dispose();
  });

  for (const activation of ['tanh', 'sigmoid'] as const) {
    it(`passes through withExactInitialConditions (${activation}, two outputs with 1 and 2 conditions)`, () => {
      const network = withExactInitialConditions(build({ hidden: [6, 5], activation }), { t0: -0.5, values: [[1, -2], [0.5]] });
      expect(network.jetsWithVjp).toBeTypeOf('function');
      for (let order = 0; order <= 3; order++) {
        const { jets, gradients } = compare(network, 1, order);
        expect(jets, `order ${order}`).toBeLessThan(1e-6);
        expect(gradients, `order ${order}`).toBeLessThan(1e-5);
      }
      network.dispose();
    });
  }

  it('uses no matMul with transposed operands', async () => {
    const network = build({ hidden: [7, 6], activation: 'tanh' });
    const input = inputFor(points, 1);
    const cotangents = cotangentsFor(2, points.length, 2, 4);
    // A kernel BatchMatMul [b, m, k]·[b, k', n] multiplies untransposed operands exactly when k = k'.
    const transposedMatMuls = async (run: () => void): Promise<number> => {
      const info = await profile(() => {
        tidy(run);
      });
      const matMuls = info.kernels.filter((kernel) => kernel.name === 'BatchMatMul');
      expect(matMuls.length).toBeGreaterThan(0);
      return matMuls.filter(({ inputShapes }) => inputShapes[0]!.at(-1) !== inputShapes[1]!.at(-2)).length;
    };
    expect(await transposedMatMuls(() => network.jetsWithVjp!(input, 2).vjp(cotangents))).toBe(0);
    // …which the count would catch: z̄·Wᵀ by the transpose flag, as tfjs's own gradient of matMul does it.
    expect(await transposedMatMuls(() => matMul(cotangents[0]!, network.layers[2]!.weight, false, true))).toBe(1);
    for (const tensor of [input, ...cotangents]) tensor?.dispose();
    network.dispose();
  });

  it('leaks nothing over repeated calls: vjp frees what it kept, dispose does without a backward', () => {
    const network = build({ hidden: [8, 8], activation: 'softplus' });
    const input = inputFor(points, 1);
    const cotangents = cotangentsFor(2, points.length, 2, 9);
    const release = (tensors: readonly Tensor[]): void => {
      for (const tensor of tensors) tensor.dispose();
    };
    const before = memory().numTensors;
    for (let step = 0; step < 4; step++) {
      const fast = network.jetsWithVjp!(input, 2);
      release(fast.vjp(cotangents));
      release(fast.jets);
      expect(memory().numTensors, `after step ${step}`).toBe(before);
    }
    for (let step = 0; step < 2; step++) {
      const fast = network.jetsWithVjp!(input, 2) as MlpJetsWithVjp;
      fast.dispose();
      release(fast.jets);
      expect(memory().numTensors).toBe(before);
      expect(() => fast.vjp(cotangents)).toThrow(/vjp called after vjp or dispose/);
    }
    // The input, the weights and the cotangents are the caller's: still usable.
    expect(input.isDisposed || network.variables.some((variable) => variable.isDisposed) || cotangents.some((c) => c?.isDisposed)).toBe(false);
    const exact = withExactInitialConditions(network, { t0: 0, values: [[1], [0]] });
    tidy(() => {
      exact.jetsWithVjp!(input, 2).vjp(cotangents);
    });
    expect(memory().numTensors).toBe(before);
    for (const tensor of [input, ...cotangents]) tensor?.dispose();
    network.dispose();
  });

  it('refuses orders above jetOrder like jets does, and an activation without σ^(jetOrder+1) gets no fast path', () => {
    const network = build({});
    const input = inputFor([0.5], 1);
    expect(() => network.jetsWithVjp!(input, 5)).toThrow(expect.objectContaining({ code: 'JETS_UNSUPPORTED' }));
    const fourOnly = { ...activations.tanh, maxOrder: 4 };
    const withoutFastPath = buildMlp(mlp.options.parse({}), { inputs: 1, outputs: 1, seed: 1 }, fourOnly);
    expect(withoutFastPath.jetOrder).toBe(4);
    expect(withoutFastPath.jetsWithVjp).toBeUndefined();
    input.dispose();
    network.dispose();
    withoutFastPath.dispose();
  });
});
