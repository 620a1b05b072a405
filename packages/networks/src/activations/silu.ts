import { add, mul, type Tensor2D } from '@tensorflow/tfjs-core';
import { defineActivation } from '@quadrant/spec';
import type { Activation } from './activation.ts';
import { sigmoid } from './sigmoid.ts';

const sigmoidFloat64 = sigmoid.float64!;

/** silu (swish) z·g(z), g the sigmoid: by Leibniz, σ^(k) = k·g^(k−1) + z·g^(k). */
export const silu: Activation = defineActivation({
  name: 'silu',
  description: 'silu (swish) z·sigmoid(z); smooth, ReLU-like for large z',
  maxOrder: 5,
  derivatives(z, order) {
    const g = sigmoid.derivatives(z, order) as Tensor2D[];
    const result: Tensor2D[] = [mul(z, g[0]!)];
    for (let k = 1; k <= order; k++) {
      const lower = k === 1 ? g[0]! : mul(g[k - 1]!, k);
      result.push(add(lower, mul(z, g[k]!)));
    }
    return result;
  },
  float64(x, out, order) {
    // g^(k) first, then σ^(k) = k·g^(k−1) + x·g^(k) from the top down, so each g^(k−1) is still there.
    sigmoidFloat64(x, out, order);
    for (let k = order; k >= 1; k--) out[k] = k * out[k - 1]! + x * out[k]!;
    out[0] = x * out[0]!;
  },
});
