import type { Tensor2D } from '@tensorflow/tfjs-core';

/**
 * An activation σ with its derivatives written as ordinary tensor ops, registered by name so an
 * architecture's options can name it (`mlp` with `{ activation: 'gaussian' }`). One member,
 * `derivatives`, serves every tensor path of a network:
 *
 * - jets: the forward-mode Taylor coefficients of σ(z(t)) up to order n (n ≤ 4 for the built-in
 *   architectures) come from σ…σ^(n) by Faà di Bruno's formula;
 * - the hand-written backward of the MLP's fast path (`jetsWithVjp`) takes one derivative more,
 *   σ^(n+1), so an MLP offers it only when `maxOrder` exceeds its jet order;
 * - weight gradients through the jets are one reverse pass of tfjs autodiff over those ops.
 *
 * `float64` is the same derivatives at one point in float64, for the float64 path of
 * second-order training. `@quadrant/networks/conformance` has `activationConformance`, the
 * checks that every built-in activation passes.
 */
export interface ActivationV1 {
  readonly specVersion: 'v1';
  /** Registry key, kebab-case, as users type it (`tanh`, `leaky-relu`). */
  readonly name: string;
  readonly description: string;
  /** Highest derivative order `derivatives` supplies (5 for every built-in: jets to order 4, the backward one more). */
  readonly maxOrder: number;
  /**
   * `[σ(z), σ'(z), …, σ^(order)(z)]`, each shaped like `z`; an `undefined` entry is a
   * derivative that is identically zero (so jets can skip its terms). Allocates inside the
   * caller's `tidy`.
   * @param order - 0 ≤ order ≤ maxOrder
   */
  derivatives(z: Tensor2D, order: number): (Tensor2D | undefined)[];
  /**
   * Optional float64 counterpart of `derivatives` at one point: writes σ(x), σ'(x), …,
   * σ^(order)(x) into `out[0..order]` (zeros where a derivative vanishes) and nothing beyond,
   * allocating nothing. Architectures with a float64 path (`mlp`) offer it only when their
   * activation has this.
   * @param order - 0 ≤ order ≤ maxOrder; `out.length` > order
   */
  readonly float64?: (x: number, out: Float64Array, order: number) => void;
}

/**
 * Activations by name: the set an architecture's options are validated against and its
 * networks built with. A registry gives its own (built-ins plus those of its plugins).
 */
export interface ActivationsV1 {
  /** The names there are, sorted. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The activation called `name`. @throws NoSuchEntryError (`NO_SUCH_ENTRY`) listing the names and the closest */
  get(name: string): ActivationV1;
}
