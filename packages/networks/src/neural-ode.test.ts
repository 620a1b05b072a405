import { QuadrantError } from '@quadrant/spec';
import { sum, tensor2d, tidy, variableGrads } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { createActivationRegistry } from './activations/activation-registry.ts';
import { tanh } from './activations/tanh.ts';
import { createNeuralOde, neuralOde } from './neural-ode.ts';

const small = { hidden: [8], steps: 16 };

describe('neural-ode without an initial state (first-order outputs from 0 on [0, 1])', () => {
  for (const check of architectureConformance(neuralOde, { options: small })) it(check.name, check.run);
});

describe('neural-ode with t as an input of f', () => {
  for (const check of architectureConformance(neuralOde, { options: { ...small, time: true }, order: 2 })) it(check.name, check.run);
});

describe('neural-ode with a linear skip in f', () => {
  for (const check of architectureConformance(neuralOde, { options: { ...small, linear: true }, order: 2 })) it(check.name, check.run);
});

describe('neural-ode', () => {
  const secondOrder = { domain: [0, 2] as const, values: [[1, -0.5]] };

  it('starts from the initial state: a second-order output meets u(t0) and u′(t0) and its value continues past the domain', () => {
    const network = neuralOde.build(neuralOde.options.parse(small), { inputs: 1, outputs: 1, seed: 3, initial: secondOrder });
    const [u, du] = tidy(() => network.jets(tensor2d([0, 1, 2, 4, -1], [5, 1]), 1).map((jet) => jet.arraySync() as number[][]));
    expect(u![0]![0]).toBeCloseTo(1, 6);
    expect(du![0]![0]).toBeCloseTo(-0.5, 6);
    for (const row of u!) expect(Number.isFinite(row[0])).toBe(true);
    network.dispose();
  });

  it.each([
    ['', small],
    [', with the linear skip', { ...small, linear: true }],
  ])('gives the same values and weight gradients from its float64 flow as from RK4 in tfjs (an activation without float64)%s', (_, options) => {
    const plainTanh = createNeuralOde(
      createActivationRegistry([
        { specVersion: tanh.specVersion, name: tanh.name, description: tanh.description, maxOrder: tanh.maxOrder, derivatives: tanh.derivatives },
      ]),
    );
    const shape = { inputs: 1, outputs: 1, seed: 5, initial: secondOrder };
    const fast = neuralOde.build(neuralOde.options.parse(options), shape);
    const slow = plainTanh.build(plainTanh.options.parse(options), shape);
    const t = tensor2d([2, 0.5, 1.25, 0.5, 3], [5, 1]);
    const run = (network: typeof fast) => {
      const { value, grads } = variableGrads(() => sum(network.jets(t, 2)[2]!.add(network.jets(t, 0)[0]!.square())), [...network.variables]);
      return { value: value.dataSync()[0]!, grads: network.variables.map((variable) => Array.from(grads[variable.name]!.dataSync())) };
    };
    const a = run(fast);
    const b = run(slow);
    expect(a.value).toBeCloseTo(b.value, 4);
    const expected = b.grads.flat();
    for (const [i, gradient] of a.grads.flat().entries()) expect(gradient).toBeCloseTo(expected[i]!, 3);
    fast.dispose();
    slow.dispose();
    t.dispose();
  });

  it('refuses more than one input column and an initial state of the wrong width, naming both', () => {
    const options = neuralOde.options.parse({});
    expect(() => neuralOde.build(options, { inputs: 2, outputs: 1, seed: 0 })).toThrow(/neural-ode: takes one input column \(t\), but the shape asks for 2/);
    try {
      neuralOde.build(options, { inputs: 1, outputs: 2, seed: 0, initial: secondOrder });
      expect.unreachable();
    } catch (error) {
      expect(QuadrantError.hasCode(error, 'SHAPE_MISMATCH')).toBe(true);
      expect((error as Error).message).toMatch(/initial state gives 1 outputs \(orders 2\), but the shape has 2 outputs/);
    }
  });
});
