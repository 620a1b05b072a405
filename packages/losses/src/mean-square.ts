import { concat, div, mean, mul, type Scalar, square, sum, type Tensor2D } from '@tensorflow/tfjs-core';

/** Mean of the squares of every entry of `parts` ([N, K_i] each, one N), as if they were one [N, ΣK_i] matrix. */
export function meanSquare(parts: readonly Tensor2D[]): Scalar {
  return mean(square(parts.length === 1 ? parts[0]! : concat([...parts], 1)));
}

/**
 * Mean of the squares of the `count` entries of `difference` that `mask` keeps (1 keeps, 0
 * drops; broadcast against `difference`). A constant mask rather than `gather`, whose
 * gradient (UnsortedSegmentSum) the wasm backend lacks.
 */
export function maskedMeanSquare(difference: Tensor2D, mask: Tensor2D, count: number): Scalar {
  return div(sum(mul(square(difference), mask)), count);
}
