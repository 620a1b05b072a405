import type { LossStepV1, LossTermInstanceV1 } from '@quadrant/spec';
import { buildMlp, mlp } from '@quadrant/networks';
import { mean, type Scalar, square, sub, sum, type Tensor2D, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createLossEvaluator } from './loss-evaluator.ts';

/** A term on its own points: the mean of (Σ_k jet_k − target)² over the orders it asks for. */
function termOn(points: Tensor2D | 'collocation', order: number, target: number): LossTermInstanceV1 {
  return {
    order,
    evaluate(step: LossStepV1) {
      const jets = step.jets(points === 'collocation' ? step.collocation : points, order);
      return jets.map((jet) => mean<Scalar>(square(sub(jet, target)))).reduce((total, each) => total.add(each));
    },
    dispose() {},
  };
}

describe('createLossEvaluator', () => {
  it('gives the gradients of the plain autodiff path when every planned input goes through one stacked hand-written backward', () => {
    const network = buildMlp(mlp.options.parse({ hidden: [8, 8], activation: 'tanh' }), { inputs: 1, outputs: 2, seed: 5 });
    // The same network without its hand-written backward: tfjs autodiff through `jets`.
    const { jetsWithVjp, ...plainNetwork } = network;
    expect(jetsWithVjp).toBeDefined();
    const collocation = tensor2d([0.1, 0.35, 0.6, 0.8, 1.4], [5, 1]);
    const start = tensor2d([0], [1, 1]);
    const samples = tensor2d([0.2, 0.9, 1.7], [3, 1]);
    const terms = [
      { name: 'residual', weight: 1, instance: termOn('collocation', 1, 0.3) },
      { name: 'initial', weight: 2, instance: termOn(start, 0, 1) },
      { name: 'data', weight: 0.5, instance: termOn(samples, 2, -0.2) },
    ];
    const fast = createLossEvaluator(network, terms, network.variables, {});
    const plain = createLossEvaluator(plainNetwork, terms, network.variables, {});
    // Step 0 plans the inputs; from step 1 on, all three go through one stacked jetsWithVjp.
    for (let epoch = 0; epoch < 3; epoch++) {
      const got = fast(collocation, epoch);
      const want = plain(collocation, epoch);
      expect(got.value.dataSync()[0]).toBeCloseTo(want.value.dataSync()[0]!, 5);
      expect(Array.from(got.terms.dataSync())).toEqual(Array.from(want.terms.dataSync()).map((value) => expect.closeTo(value, 5)));
      got.grads.forEach((gradient, i) => {
        const gap = tidy(
          () =>
            sum(square(sub(gradient, want.grads[i]!)))
              .sqrt()
              .dataSync()[0]!,
        );
        const scale = tidy(() => sum(square(want.grads[i]!)).sqrt().dataSync()[0]!);
        expect(gap).toBeLessThan(1e-5 * Math.max(scale, 1));
      });
      for (const each of [got.value, got.terms, ...got.grads, want.value, want.terms, ...want.grads]) each.dispose();
    }
    network.dispose();
  });
});
