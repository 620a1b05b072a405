import type { Scalar, Tensor2D } from '@tensorflow/tfjs-core';

/** What the tensor form of a problem's expressions reads at a batch of N points. */
export interface TensorRhsInput {
  /** The points of the independent variable, [N, 1]. */
  readonly t: Tensor2D;
  /** Each unknown's name → [u, u', …, u^(order−1)] at the points, each [N, 1]. */
  readonly unknowns: Readonly<Record<string, readonly Tensor2D[]>>;
  /** Every parameter as a scalar; learnable ones are trainable variables, so gradients reach them. */
  readonly parameters: Readonly<Record<string, Scalar>>;
}
