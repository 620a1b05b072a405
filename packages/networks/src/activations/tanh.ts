import { add, mul, sigmoid, square, sub, type Tensor2D } from '@tensorflow/tfjs-core';
import { defineActivation } from '@quadrant/spec';
import type { Activation } from './activation.ts';
import { decayingExponential } from './decaying-exponential.ts';

/**
 * tanh. With s = tanh z and p = 1 − s²: σ' = p, σ'' = −2sp, σ''' = p(6s² − 2),
 * σ'''' = 8sp(2 − 3s²), σ^(5) = 8p(2 − 15s² + 15s⁴): polynomials in s, so every order costs
 * a few elementwise ops. The float64 counterpart takes s and p from e = e^−2|z| and m = e − 1
 * (s = −sign(z)·m/(1 + e), p = 4e/(1 + e)²), one exp or expm1 instead of tanh and cosh: p keeps
 * its relative accuracy where the unit saturates, which 1 − s² loses.
 *
 * On tensors s = 2·sigmoid(2z) − 1: the wasm backend's `Tanh` is a scalar loop about three times
 * as slow as its vectorised `Sigmoid` and the three elementwise ops together (with tanh, the
 * article's network takes three [501, 50] tanh a step, the costliest kernel after the matMuls).
 * The price is an absolute error of about one float32 ulp of 1 (≤ 1.8e-7 over z ∈ [−10, 10])
 * instead of a relative one near z = 0: the size of the round-off of the layer's own sums.
 */
export const tanh: Activation = defineActivation({
  name: 'tanh',
  description: 'hyperbolic tangent; smooth, odd, the usual PINN choice',
  maxOrder: 5,
  derivatives(z, order) {
    const s = sub<Tensor2D>(mul(sigmoid(mul(z, 2)), 2), 1);
    const result: Tensor2D[] = [s];
    if (order < 1) return result;
    const s2 = square(s);
    const p = sub<Tensor2D>(1, s2);
    result.push(p);
    if (order < 2) return result;
    const sp = mul(s, p);
    result.push(mul(sp, -2));
    if (order < 3) return result;
    result.push(mul(p, sub(mul(s2, 6), 2)));
    if (order < 4) return result;
    result.push(mul(mul(sp, 8), sub(2, mul(s2, 3))));
    if (order < 5) return result;
    result.push(mul(mul(p, 8), add(2, mul(s2, sub(mul(s2, 15), 15)))));
    return result;
  },
  float64(x, out, order) {
    const { e, m } = decayingExponential(2 * Math.abs(x));
    const d = 1 + e;
    const s = x < 0 ? m / d : -m / d;
    out[0] = s;
    if (order < 1) return;
    const p = (4 * e) / (d * d);
    const s2 = s * s;
    out[1] = p;
    if (order < 2) return;
    out[2] = -2 * s * p;
    if (order < 3) return;
    out[3] = p * (6 * s2 - 2);
    if (order < 4) return;
    out[4] = 8 * s * p * (2 - 3 * s2);
    if (order < 5) return;
    out[5] = 8 * p * (2 + s2 * (15 * s2 - 15));
  },
});
