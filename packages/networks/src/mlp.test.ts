import { memory, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { activations } from './activations/activations.ts';
import { tanh } from './activations/tanh.ts';
import { buildMlp, mlp } from './mlp.ts';

for (const activation of Object.keys(activations)) {
  describe(`mlp with ${activation}`, () => {
    for (const check of architectureConformance(mlp, { options: { activation } })) it(check.name, check.run);
  });
}

describe("mlp in the article's configuration (1→50→50→50→1, leaky ReLU, PyTorch's initialiser)", () => {
  const options = { hidden: [50, 50, 50], activation: 'leaky-relu', initialiser: 'pytorch-default' };
  for (const check of architectureConformance(mlp, { options, shape: { outputs: 1 }, order: 2 })) it(check.name, check.run);
});

describe('mlp with two inputs (t and a parameter)', () => {
  for (const check of architectureConformance(mlp, { options: { activation: 'softplus' }, shape: { inputs: 2, outputs: 1 } })) it(check.name, check.run);
});

describe('mlp without hidden layers (affine in t)', () => {
  for (const check of architectureConformance(mlp, { options: { hidden: [] }, order: 2 })) it(check.name, check.run);
});

describe('mlp options and network', () => {
  const shape = { inputs: 1, outputs: 2, seed: 5 };

  it('defaults: two hidden layers of 32, tanh, glorot-normal', () => {
    expect(mlp.options.parse({})).toEqual({ hidden: [32, 32], activation: 'tanh', negativeSlope: 0.01, initialiser: 'glorot-normal' });
  });

  it('refuses unknown options and activations with the field and the closest name', () => {
    const typo = mlp.options.safeParse({ hiden: [8] });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues[0]?.message).toContain('hiden');
    const activation = mlp.options.safeParse({ activation: 'leakyrelu' });
    expect(activation.error?.issues[0]?.path).toEqual(['activation']);
    expect(activation.error?.issues[0]?.message).toContain("(did you mean 'leaky-relu'?)");
    expect(mlp.options.safeParse({ hidden: [8, 0] }).success).toBe(false);
  });

  it('lists weight then bias per layer, [fanIn, fanOut] and [fanOut], and exposes the layers', () => {
    const network = buildMlp(mlp.options.parse({ hidden: [8, 4] }), shape);
    expect(network.variables.map((variable) => variable.shape)).toEqual([[1, 8], [8], [8, 4], [4], [4, 2], [2]]);
    expect(network.layers.flatMap((layer) => [layer.weight, layer.bias])).toEqual(network.variables);
    expect(network.activation.name).toBe('tanh');
    network.dispose();
  });

  it('refuses orders above 4 with JETS_UNSUPPORTED naming the architecture and the order, and inputs of the wrong width', () => {
    const network = mlp.build(mlp.options.parse({}), shape);
    const input = tensor2d([[0.5]]);
    let error: unknown;
    try {
      network.jets(input, 5);
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'JETS_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toBe(
      'mlp: jets of order 5 requested, but this network gives input derivatives of orders 0 to 4 only; ask for at most order 4 or use an architecture whose jetOrder reaches 5',
    );
    expect(() => network.jets(input, -1)).toThrow(expect.objectContaining({ code: 'JETS_UNSUPPORTED' }));
    expect(() => network.jets(tensor2d([[0.5, 1]]), 1)).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'mlp: input of shape [1, 2] given, but this network takes [N, 1] (column 0 is t)' }),
    );
    input.dispose();
    network.dispose();
  });

  it('declares a float64 path for every built-in activation (so the kit checks it above), and none where its jets could not be exact', () => {
    for (const activation of Object.keys(activations)) {
      const network = buildMlp(mlp.options.parse({ hidden: [8, 4], activation }), shape);
      expect(network.float64?.size, activation).toBe(8 + 8 + 32 + 4 + 8 + 2);
      network.dispose();
    }
    // Its jets take t alone, so a second input column would have no values.
    const twoInputs = buildMlp(mlp.options.parse({}), { ...shape, inputs: 2 });
    const { float64: _, ...withoutFloat64 } = tanh;
    const plugIn = buildMlp(mlp.options.parse({}), shape, withoutFloat64);
    // The Jacobian of the order-4 jet needs σ^(5).
    const shallow = buildMlp(mlp.options.parse({}), shape, { ...tanh, maxOrder: 4 });
    for (const network of [twoInputs, plugIn, shallow]) {
      expect(network.float64).toBeUndefined();
      network.dispose();
    }
  });

  it('refuses float64 jets above order 4 with JETS_UNSUPPORTED naming the architecture and the order, and parameters of the wrong length', () => {
    const network = mlp.build(mlp.options.parse({}), shape);
    const path = network.float64!;
    const t = Float64Array.from([0.5]);
    let error: unknown;
    try {
      path.jets(path.read(), t, 5, true);
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'JETS_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toBe(
      'mlp: float64 jets of order 5 requested, but this network gives input derivatives of orders 0 to 4 only; ask for at most order 4 or use an architecture whose jetOrder reaches 5',
    );
    expect(() => path.jets(path.read(), t, 1.5, false)).toThrow(expect.objectContaining({ code: 'JETS_UNSUPPORTED' }));
    expect(() => path.jets(new Float64Array(3), t, 1, false)).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH', message: `mlp: float64 jets: expected ${path.size} parameters, got 3` }),
    );
    network.dispose();
  });

  it('computes only the orders asked for, and returns tensors its caller owns', () => {
    const network = mlp.build(mlp.options.parse({ hidden: [] }), shape);
    const before = memory().numTensors;
    const jets = network.jets(tensor2d([[0.25]]), 1);
    // A single row and no hidden layer: z′ is the weight itself, so it must come back as a copy.
    expect(jets).toHaveLength(2);
    expect(jets[1]).not.toBe(network.variables[0]);
    for (const jet of jets) jet.dispose();
    expect(memory().numTensors).toBe(before + 1);
    tidy(() => {
      const weight = network.variables[0]!.dataSync();
      expect(Array.from(network.jets(tensor2d([[0.25], [3]]), 1)[1]!.dataSync())).toEqual([weight[0], weight[1], weight[0], weight[1]]);
    });
    network.dispose();
  });
});
