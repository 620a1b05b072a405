import { memory, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { defineArchitecture, QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { mlp } from '../mlp.ts';
import { withAutodiffVjp } from './autodiff-vjp.fixture.ts';
import { withExactInitialConditions } from './with-exact-initial-conditions.ts';

// Output 0 carries three conditions (a third-order unknown), output 1 one (first order).
const initial = { t0: 0.25, values: [[1, -0.5, 2], [3]] };
const shape = { inputs: 1, outputs: 2, seed: 3 };
const read = (f: () => ReturnType<typeof tensor2d>[]): number[][] => {
  const result: number[][] = [];
  tidy(() => {
    for (const jet of f()) result.push(Array.from(jet.dataSync()));
  });
  return result;
};

describe('withExactInitialConditions', () => {
  it.each([
    ['t − t0', undefined],
    ['1 − exp(−(t − t0)/τ)', 0.3],
  ])('meets every initial condition exactly, whatever the weights, with the factor %s', (_, timescale) => {
    for (const seed of [1, 2, 3]) {
      const conditions = timescale === undefined ? initial : { ...initial, timescale };
      const network = withExactInitialConditions(mlp.build(mlp.options.parse({ activation: 'sin' }), { ...shape, seed }), conditions);
      const jets = read(() => network.jets(tensor2d([[initial.t0]]), 2));
      expect(jets[0]![0]).toBeCloseTo(1, 6);
      expect(jets[1]![0]).toBeCloseTo(-0.5, 6);
      expect(jets[2]![0]).toBeCloseTo(2, 6);
      expect(jets[0]![1]).toBeCloseTo(3, 6);
      network.dispose();
    }
  });

  it('works with further input columns and equal values across outputs', () => {
    const twoInputs = { inputs: 2, outputs: 2, seed: 8 };
    const conditions = {
      t0: -0.5,
      values: [
        [1, 2],
        [1, 0.5],
      ],
    };
    const network = withExactInitialConditions(mlp.build(mlp.options.parse({ activation: 'silu' }), twoInputs), conditions);
    const jets = read(() =>
      network.jets(
        tensor2d([
          [-0.5, 3],
          [-0.5, -1],
        ]),
        1,
      ),
    );
    expect(jets[0]).toEqual([1, 1, 1, 1]);
    jets[1]!.forEach((value, i) => {
      expect(value).toBeCloseTo(i % 2 === 0 ? 2 : 0.5, 6);
    });
    network.dispose();
  });

  it('is the trial solution Σ u^(k)(t0)(t − t0)^k/k! + (t − t0)^m N(t)', () => {
    const inner = mlp.build(mlp.options.parse({}), shape);
    const network = withExactInitialConditions(inner, initial);
    const ts = [-1, 0, 0.5, 2];
    const input = tensor2d(ts, [4, 1]);
    const value = read(() => network.jets(input, 0))[0]!;
    const raw = read(() => inner.jets(input, 0))[0]!;
    ts.forEach((t, i) => {
      const s = t - initial.t0;
      expect(value[2 * i]).toBeCloseTo(1 - 0.5 * s + (2 * s * s) / 2 + s ** 3 * raw[2 * i]!, 5);
      expect(value[2 * i + 1]).toBeCloseTo(3 + s * raw[2 * i + 1]!, 5);
    });
    input.dispose();
    network.dispose();
  });

  it('is the trial solution Σ u^(k)(t0)(t − t0)^k/k! + (1 − exp(−(t − t0)/τ))^m N(t) with a timescale', () => {
    const inner = mlp.build(mlp.options.parse({}), shape);
    const timescale = 0.7;
    const network = withExactInitialConditions(inner, { ...initial, timescale });
    const ts = [-1, 0, 0.5, 2, 6];
    const input = tensor2d(ts, [ts.length, 1]);
    const value = read(() => network.jets(input, 0))[0]!;
    const raw = read(() => inner.jets(input, 0))[0]!;
    ts.forEach((t, i) => {
      const s = t - initial.t0;
      const g = 1 - Math.exp(-s / timescale);
      expect(value[2 * i]).toBeCloseTo(1 - 0.5 * s + (2 * s * s) / 2 + g ** 3 * raw[2 * i]!, 4);
      expect(value[2 * i + 1]).toBeCloseTo(3 + g * raw[2 * i + 1]!, 5);
    });
    input.dispose();
    network.dispose();
  });

  it('keeps the network’s variables, shape and jetOrder, and dispose frees them', () => {
    const before = memory().numTensors;
    const inner = mlp.build(mlp.options.parse({}), shape);
    const network = withExactInitialConditions(inner, initial);
    expect(network.variables).toBe(inner.variables);
    expect(network.shape).toEqual(shape);
    expect(network.jetOrder).toBe(4);
    network.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('refuses values that do not match the outputs, and non-finite values', () => {
    const network = mlp.build(mlp.options.parse({}), shape);
    try {
      expect(() => withExactInitialConditions(network, { t0: 0, values: [[1]] })).toThrow(
        expect.objectContaining({ code: 'SHAPE_MISMATCH', message: expect.stringContaining('1 rows of initial values for 2 outputs') }),
      );
      let error: unknown;
      try {
        withExactInitialConditions(network, { t0: 0, values: [[1], [Number.NaN]] });
      } catch (caught) {
        error = caught;
      }
      expect(QuadrantError.hasCode(error, 'CONFIG_INVALID')).toBe(true);
      for (const timescale of [0, -1, Number.POSITIVE_INFINITY]) {
        expect(() => withExactInitialConditions(network, { t0: 0, values: [[1], [2]], timescale })).toThrow(
          expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(`must be a positive finite number (got ${timescale})`) }),
        );
      }
    } finally {
      network.dispose();
    }
  });

  it('leaves outputs with no conditions unchanged', () => {
    const inner = mlp.build(mlp.options.parse({}), shape);
    const network = withExactInitialConditions(inner, { t0: 0, values: [[], []] });
    const input = tensor2d([[0.3], [1.7]]);
    expect(read(() => network.jets(input, 3))).toEqual(read(() => inner.jets(input, 3)));
    input.dispose();
    network.dispose();
  });
});

// The transformed network, as an architecture, passes the same kit as the built-ins: its
// jets (Leibniz rule) match finite differences and its weight gradients are exact.
const exactMlp = defineArchitecture({
  ...mlp,
  build: (options, networkShape) => withExactInitialConditions(mlp.build(options, networkShape), initial),
});
describe('withExactInitialConditions on a tanh mlp', () => {
  for (const check of architectureConformance(exactMlp)) it(check.name, check.run);
});
const saturatingMlp = defineArchitecture({
  ...mlp,
  build: (options, networkShape) => withExactInitialConditions(mlp.build(options, networkShape), { ...initial, timescale: 0.7 }),
});
describe('withExactInitialConditions with the factor 1 − exp(−(t − t0)/τ) on a tanh mlp', () => {
  for (const check of architectureConformance(saturatingMlp)) it(check.name, check.run);
});
describe('withExactInitialConditions on a softplus mlp with two inputs', () => {
  for (const check of architectureConformance(exactMlp, { options: { activation: 'softplus' }, shape: { inputs: 2 }, order: 2 })) it(check.name, check.run);
});

// With a network that offers jetsWithVjp, the transform offers it too, and it matches autodiff.
const exactMlpWithVjp = defineArchitecture({
  ...mlp,
  build: (options, networkShape) => withExactInitialConditions(withAutodiffVjp(mlp.build(options, networkShape)), initial),
});
const saturatingMlpWithVjp = defineArchitecture({
  ...mlp,
  build: (options, networkShape) => withExactInitialConditions(withAutodiffVjp(mlp.build(options, networkShape)), { ...initial, timescale: 0.7 }),
});
describe('withExactInitialConditions carries jetsWithVjp over', () => {
  it('offers jetsWithVjp when the network does', () => {
    const network = exactMlpWithVjp.build(mlp.options.parse({}), shape);
    expect(network.jetsWithVjp).toBeTypeOf('function');
    network.dispose();
  });
  for (const [label, architecture] of [
    ['t − t0', exactMlpWithVjp],
    ['1 − exp(−(t − t0)/τ)', saturatingMlpWithVjp],
  ] as const) {
    for (const check of architectureConformance(architecture, { options: { activation: 'silu' } })) {
      if (check.name.includes('jetsWithVjp')) it(`${check.name} (factor ${label})`, check.run);
    }
  }
});
