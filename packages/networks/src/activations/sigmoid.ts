import { add, mul, sigmoid as sigmoidOp, square, sub, type Tensor2D } from '@tensorflow/tfjs-core';
import type { Activation } from './activation.ts';

/**
 * The logistic sigmoid g = 1/(1 + e^−z). With q = g(1 − g): g' = q, g'' = q(1 − 2g),
 * g''' = q(1 − 6q), g'''' = q(1 − 2g)(1 − 12q), g^(5) = q(1 − 30q + 120q²). silu and softplus
 * reuse these.
 */
export const sigmoid: Activation = {
  name: 'sigmoid',
  description: 'logistic sigmoid 1/(1 + e^−z); smooth, bounded in (0, 1)',
  maxOrder: 5,
  derivatives(z, order) {
    const g = sigmoidOp(z);
    const result: Tensor2D[] = [g];
    if (order < 1) return result;
    const q = sub<Tensor2D>(g, square(g));
    result.push(q);
    if (order < 2) return result;
    const second = mul<Tensor2D>(q, sub(1, mul(g, 2)));
    result.push(second);
    if (order < 3) return result;
    result.push(mul(q, sub(1, mul(q, 6))));
    if (order < 4) return result;
    result.push(mul(second, sub(1, mul(q, 12))));
    if (order < 5) return result;
    result.push(mul(q, add(1, mul(q, sub(mul(q, 120), 30)))));
    return result;
  },
};
