import { softplus as softplusOp, type Tensor2D } from '@tensorflow/tfjs-core';
import type { Activation } from './activation.ts';
import { sigmoid } from './sigmoid.ts';

/** softplus log(1 + e^z); its k-th derivative is the sigmoid's (k − 1)-th. */
export const softplus: Activation = {
  name: 'softplus',
  description: 'softplus log(1 + e^z); a smooth ReLU',
  maxOrder: 5,
  derivatives(z, order) {
    const value: Tensor2D = softplusOp(z);
    return order < 1 ? [value] : [value, ...(sigmoid.derivatives(z, order - 1) as Tensor2D[])];
  },
};
