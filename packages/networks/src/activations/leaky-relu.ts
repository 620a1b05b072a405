import { leakyRelu as leakyReluOp, step } from '@tensorflow/tfjs-core';
import { defineActivation } from '@quadrant/spec';
import type { Activation } from './activation.ts';

/**
 * Leaky ReLU with the given slope for z < 0: σ' is 1 or the slope (a step, constant for the
 * weights' gradient) and every higher derivative is zero away from the kink, so jets of a
 * leaky-ReLU network are piecewise polynomial in t and exact almost everywhere.
 * @param negativeSlope - slope for z < 0 (PyTorch's `negative_slope`)
 */
export function leakyReluWithSlope(negativeSlope: number): Activation {
  return defineActivation({
    name: 'leaky-relu',
    description: `leaky ReLU, slope ${negativeSlope} for z < 0; piecewise linear (the article's choice)`,
    maxOrder: 5,
    derivatives(z, order) {
      const value = leakyReluOp(z, negativeSlope);
      if (order < 1) return [value];
      return [value, step(z, negativeSlope), ...new Array<undefined>(order - 1).fill(undefined)];
    },
    // As tfjs's step: the slope is 1 for z > 0 and negativeSlope for z ≤ 0.
    float64(x, out, order) {
      out[0] = x < 0 ? negativeSlope * x : x;
      if (order < 1) return;
      out[1] = x > 0 ? 1 : negativeSlope;
      for (let k = 2; k <= order; k++) out[k] = 0;
    },
  });
}

/** Leaky ReLU with PyTorch's default slope 0.01 for z < 0. */
export const leakyRelu: Activation = leakyReluWithSlope(0.01);
