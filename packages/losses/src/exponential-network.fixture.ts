import type { NetworkV1 } from '@quadrant/spec';
import { exp, mul, neg, type Scalar, scalar, type Tensor2D, tidy, variable } from '@tensorflow/tfjs-core';

/**
 * Test fixture: y(t) = a·e^(−κ·t) with trainable a and κ (scalars, in that order), exact jets
 * y^(k) = a·(−κ)^k·e^(−κ·t): exponential decay's closed form when a = 1 and κ = k.
 */
export function exponentialNetwork(a: number, kappa: number): NetworkV1 {
  const amplitude = tidy(() => variable(scalar(a), true));
  const rate = tidy(() => variable(scalar(kappa), true));
  return {
    architecture: 'exponential',
    options: { a, kappa },
    shape: { inputs: 1, outputs: 1, seed: 0 },
    jetOrder: 8,
    variables: [amplitude, rate],
    jets(input: Tensor2D, order: number): Tensor2D[] {
      const decay = exp(mul(neg(rate), input));
      const jets: Tensor2D[] = [];
      let factor: Scalar = amplitude;
      for (let k = 0; k <= order; k++) {
        if (k > 0) factor = mul(factor, neg(rate));
        jets.push(mul(factor, decay));
      }
      return jets;
    },
    dispose() {
      amplitude.dispose();
      rate.dispose();
    },
  };
}
