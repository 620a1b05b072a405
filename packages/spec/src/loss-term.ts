import type { Scalar, Tensor2D } from '@tensorflow/tfjs-core';
import type { ZodType } from 'zod';
import type { Problem } from './problem.ts';

/** What a loss term is built against: fixed for the whole run. */
export interface LossContextV1 {
  readonly problem: Problem;
  /** Unknown names in output-column order (the same as `problem.unknowns`). */
  readonly unknowns: readonly string[];
  /** Observations the run trains on (the problem's, or samples of its reference), if any. */
  readonly data: { readonly t: Float64Array; readonly values: Readonly<Record<string, Float64Array>> } | undefined;
}

/**
 * One training step as a loss term sees it. `jets` is memoised per step: terms that ask for
 * the same input tensor share one forward pass, and the trainer may substitute jets it
 * computed itself (the fast path), so a term must take jets only from here.
 */
export interface LossStepV1 {
  readonly epoch: number;
  /** Collocation points of this step, [N, 1]. */
  readonly collocation: Tensor2D;
  /** Network output and input derivatives up to `order` at `input` ([M, 1]); `result[k]` is [M, outputs]. */
  jets(input: Tensor2D, order: number): Tensor2D[];
  /** Problem parameters as scalars; learnable ones are trainable variables. */
  readonly parameters: Readonly<Record<string, Scalar>>;
}

/** A built loss term: returns its unweighted value; the trainer applies the weight. */
export interface LossTermInstanceV1 {
  /** Highest input-derivative order it asks `jets` for at the collocation points (lets the trainer compute them once). */
  readonly order: number;
  evaluate(step: LossStepV1): Scalar;
  /** Frees tensors it created (constant inputs, targets). */
  dispose(): void;
}

/** A kind of loss term, registered by name (`residual`, `initial-condition`, `data`…). */
export interface LossTermV1<Options = unknown> {
  readonly specVersion: 'v1';
  readonly name: string;
  readonly description: string;
  readonly options: ZodType<Options>;
  /** Whether it needs observations; a run with no data refuses such a term with a clear error. */
  readonly needsData: boolean;
  create(context: LossContextV1, options: Options): LossTermInstanceV1;
}
