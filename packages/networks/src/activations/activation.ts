import type { Tensor2D } from '@tensorflow/tfjs-core';

/**
 * An activation σ with its derivatives written as ordinary tensor ops. Jets need σ^(k)(z) for
 * k ≤ order; because each derivative is itself built from first-order-differentiable ops, one
 * reverse pass through the jets gives exact weight gradients (no nested `tf.grad`).
 */
export interface Activation {
  /** Kebab-case name, as users type it (`tanh`, `leaky-relu`). */
  readonly name: string;
  readonly description: string;
  /** Highest derivative order `derivatives` supplies. */
  readonly maxOrder: number;
  /**
   * `[σ(z), σ'(z), …, σ^(order)(z)]`, each shaped like `z`; an `undefined` entry is a
   * derivative that is identically zero (so jets can skip its terms).
   * @param order - 0 ≤ order ≤ maxOrder
   */
  derivatives(z: Tensor2D, order: number): (Tensor2D | undefined)[];
  /**
   * Optional float64 counterpart of `derivatives` at one point: writes σ(x), σ'(x), …,
   * σ^(order)(x) into `out[0..order]` (zeros where a derivative vanishes), allocating nothing.
   * Architectures with a float64 evaluation path (`mlp`) offer it only when their activation
   * has this; a plug-in activation may leave it out.
   * @param order - 0 ≤ order ≤ maxOrder; `out.length` > order
   */
  readonly float64?: (x: number, out: Float64Array, order: number) => void;
}
