import { add, mul, type Tensor2D } from '@tensorflow/tfjs-core';
import type { Activation } from './activation.ts';
import { sigmoid } from './sigmoid.ts';

/** silu (swish) z·g(z), g the sigmoid: by Leibniz, σ^(k) = k·g^(k−1) + z·g^(k). */
export const silu: Activation = {
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
};
