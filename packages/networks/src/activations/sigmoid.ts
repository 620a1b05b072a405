import { add, mul, sigmoid as sigmoidOp, square, sub, type Tensor2D } from '@tensorflow/tfjs-core';
import { defineActivation } from '@quadrant/spec';
import type { Activation } from './activation.ts';
import { decayingExponential } from './decaying-exponential.ts';

/**
 * The logistic sigmoid g = 1/(1 + e^−z). With q = g(1 − g): g' = q, g'' = q(1 − 2g),
 * g''' = q(1 − 6q), g'''' = q(1 − 2g)(1 − 12q), g^(5) = q(1 − 30q + 120q²). silu and softplus
 * reuse these. The float64 counterpart takes everything from e = e^−|z| and m = e − 1: g =
 * 1/(1 + e) for z ≥ 0 and e/(1 + e) below, q = e/(1 + e)², 1 − 2g = sign(z)·m/(1 + e); these
 * keep their relative accuracy in the tails and near 0, where g(1 − g) and 1 − 2g cancel.
 */
export const sigmoid: Activation = defineActivation({
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
  float64(x, out, order) {
    const { e, m } = decayingExponential(Math.abs(x));
    const d = 1 + e;
    out[0] = x >= 0 ? 1 / d : e / d;
    if (order < 1) return;
    const q = e / (d * d);
    out[1] = q;
    if (order < 2) return;
    const oneMinusTwoG = x >= 0 ? m / d : -m / d;
    out[2] = q * oneMinusTwoG;
    if (order < 3) return;
    out[3] = q * (1 - 6 * q);
    if (order < 4) return;
    out[4] = q * oneMinusTwoG * (1 - 12 * q);
    if (order < 5) return;
    out[5] = q * (1 + q * (120 * q - 30));
  },
});
