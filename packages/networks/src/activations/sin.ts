import { cos, neg, sin as sinOp, type Tensor2D } from '@tensorflow/tfjs-core';
import { defineActivation } from '@quadrant/spec';
import type { Activation } from './activation.ts';

/** sin, whose derivatives cycle: sin, cos, −sin, −cos, sin, cos. */
export const sin: Activation = defineActivation({
  name: 'sin',
  description: 'sine; smooth and periodic, suits oscillating solutions',
  maxOrder: 5,
  derivatives(z, order) {
    const s = sinOp(z);
    const result: Tensor2D[] = [s];
    if (order < 1) return result;
    const c = cos(z);
    result.push(c);
    if (order < 2) return result;
    const negativeS = neg(s);
    result.push(negativeS);
    if (order < 3) return result;
    result.push(neg(c));
    if (order < 4) return result;
    result.push(s);
    if (order < 5) return result;
    result.push(c);
    return result;
  },
  float64(x, out, order) {
    const s = Math.sin(x);
    const c = Math.cos(x);
    for (let k = 0; k <= order; k++) {
      const phase = k % 4;
      out[k] = phase === 0 ? s : phase === 1 ? c : phase === 2 ? -s : -c;
    }
  },
});
