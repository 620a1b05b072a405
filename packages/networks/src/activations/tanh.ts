import { add, mul, square, sub, tanh as tanhOp, type Tensor2D } from '@tensorflow/tfjs-core';
import type { Activation } from './activation.ts';

/**
 * tanh. With s = tanh z and p = 1 − s²: σ' = p, σ'' = −2sp, σ''' = p(6s² − 2),
 * σ'''' = 8sp(2 − 3s²), σ^(5) = 8p(2 − 15s² + 15s⁴): polynomials in s, so every order costs
 * a few elementwise ops.
 */
export const tanh: Activation = {
  name: 'tanh',
  description: 'hyperbolic tangent; smooth, odd, the usual PINN choice',
  maxOrder: 5,
  derivatives(z, order) {
    const s = tanhOp(z);
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
};
