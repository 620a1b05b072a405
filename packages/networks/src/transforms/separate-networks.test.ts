import { memory, type Tensor2D, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { defineArchitecture, QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { fourierMlp } from '../fourier-mlp.ts';
import { mlp } from '../mlp.ts';
import { withAutodiffVjp } from './autodiff-vjp.fixture.ts';
import { separateNetworks, separateNetworksName } from './separate-networks.ts';

const read = (f: () => Tensor2D[]): number[][] => {
  const result: number[][] = [];
  tidy(() => {
    for (const jet of f()) result.push(Array.from(jet.dataSync()));
  });
  return result;
};

describe('separateNetworks', () => {
  it('concatenates the outputs of one network per unknown, and their variables', () => {
    const a = mlp.build(mlp.options.parse({}), { inputs: 1, outputs: 1, seed: 1 });
    const b = fourierMlp.build(fourierMlp.options.parse({}), { inputs: 1, outputs: 2, seed: 2 });
    const separate = separateNetworks([a, b]);
    expect(separate.shape).toEqual({ inputs: 1, outputs: 3, seed: 1 });
    expect(separate.variables).toEqual([...a.variables, ...b.variables]);
    expect(separate.architecture).toBe(separateNetworksName);
    expect(separate.options).toEqual({
      networks: [
        { architecture: 'mlp', options: a.options, shape: a.shape },
        { architecture: 'fourier-mlp', options: b.options, shape: b.shape },
      ],
    });
    const input = tensor2d([[0.1], [0.9]]);
    const joined = read(() => separate.jets(input, 2));
    const left = read(() => a.jets(input, 2));
    const right = read(() => b.jets(input, 2));
    joined.forEach((values, k) => {
      expect(values).toEqual([left[k]![0], right[k]![0], right[k]![1], left[k]![1], right[k]![2], right[k]![3]]);
    });
    input.dispose();
    const before = memory().numTensors;
    separate.dispose();
    // fourier-mlp also owns its frequencies, phases and one rate row per jet order.
    expect(before - memory().numTensors).toBe(a.variables.length + b.variables.length + 2 + b.jetOrder);
  });

  it('refuses an empty list and networks with different inputs', () => {
    expect(() => separateNetworks([])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const a = mlp.build(mlp.options.parse({}), { inputs: 1, outputs: 1, seed: 1 });
    const b = mlp.build(mlp.options.parse({}), { inputs: 2, outputs: 1, seed: 1 });
    let error: unknown;
    try {
      separateNetworks([a, b]);
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'SHAPE_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('network 1 (mlp) takes 2 inputs, network 0 takes 1');
    a.dispose();
    b.dispose();
  });

  it('offers jetsWithVjp only when every network does', () => {
    const shape = { inputs: 1, outputs: 1, seed: 1 };
    const plain = fourierMlp.build(fourierMlp.options.parse({}), shape);
    expect(plain.jetsWithVjp).toBeUndefined();
    const fast = withAutodiffVjp(mlp.build(mlp.options.parse({}), shape));
    expect(separateNetworks([plain, fast]).jetsWithVjp).toBeUndefined();
    expect(separateNetworks([fast, fast]).jetsWithVjp).toBeTypeOf('function');
    plain.dispose();
    fast.dispose();
  });
});

// One mlp per output, seen as one network, passes the architecture kit like any network
// (as an architecture whose options are the mlp's, so it reports those).
const separateMlps = defineArchitecture({
  ...mlp,
  name: separateNetworksName,
  build: (options, shape) => ({
    ...separateNetworks(Array.from({ length: shape.outputs }, (_, j) => mlp.build(options, { ...shape, outputs: 1, seed: shape.seed + j }))),
    options,
  }),
});
describe('separateNetworks of tanh mlps', () => {
  for (const check of architectureConformance(separateMlps)) it(check.name, check.run);
});

const separateMlpsWithVjp = defineArchitecture({
  ...separateMlps,
  build: (options, shape) => ({
    ...separateNetworks(Array.from({ length: shape.outputs }, (_, j) => withAutodiffVjp(mlp.build(options, { ...shape, outputs: 1, seed: shape.seed + j })))),
    options,
  }),
});
describe('separateNetworks carries jetsWithVjp over', () => {
  for (const check of architectureConformance(separateMlpsWithVjp, { options: { activation: 'sin' } })) {
    if (check.name.includes('jetsWithVjp')) it(check.name, check.run);
  }
});
