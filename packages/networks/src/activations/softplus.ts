import { softplus as softplusOp, type Tensor2D } from '@tensorflow/tfjs-core';
import { defineActivation } from '@quadrant/spec';
import type { Activation } from './activation.ts';
import { sigmoid } from './sigmoid.ts';

const sigmoidFloat64 = sigmoid.float64!;

/** softplus log(1 + e^z); its k-th derivative is the sigmoid's (k − 1)-th. */
export const softplus: Activation = defineActivation({
  name: 'softplus',
  description: 'softplus log(1 + e^z); a smooth ReLU',
  maxOrder: 5,
  derivatives(z, order) {
    const value: Tensor2D = softplusOp(z);
    return order < 1 ? [value] : [value, ...(sigmoid.derivatives(z, order - 1) as Tensor2D[])];
  },
  float64(x, out, order) {
    if (order >= 1) {
      sigmoidFloat64(x, out, order - 1);
      for (let k = order; k >= 1; k--) out[k] = out[k - 1]!;
    }
    // log(1 + e^x) without overflow for large x nor loss of e^x for very negative x.
    out[0] = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  },
});
