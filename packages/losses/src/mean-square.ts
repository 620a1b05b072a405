import { concat, mean, type Scalar, square, type Tensor2D } from '@tensorflow/tfjs-core';

/** Mean of the squares of every entry of `parts` ([N, K_i] each, one N), as if they were one [N, ΣK_i] matrix. */
export function meanSquare(parts: readonly Tensor2D[]): Scalar {
  return mean(square(parts.length === 1 ? parts[0]! : concat([...parts], 1)));
}
