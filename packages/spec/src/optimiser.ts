import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ZodType } from 'zod';
import type { LeastSquaresProblemV1, LeastSquaresResultV1 } from './float64.ts';

/** The loss and its gradients for every optimised variable, in the variables' order. */
export interface LossAndGradientsV1 {
  readonly value: Scalar;
  readonly grads: readonly Tensor[];
}

/**
 * A built optimiser over a fixed list of variables. `step` takes a closure, as in PyTorch,
 * so quasi-Newton methods may evaluate the loss several times per step. The closure's
 * tensors are owned by the optimiser, which disposes them.
 */
export interface OptimiserInstanceV1 {
  /** One optimisation step; returns the loss before it (the caller disposes it). */
  step(closure: () => LossAndGradientsV1): Scalar;
  /** Serialisable state (moments, history) for save and resume; absent when stateless. */
  state?(): Promise<Record<string, unknown>>;
  dispose(): void;
}

/** A kind of optimiser (`adam`, `sgd`, `lbfgs`). */
export interface OptimiserV1<Options = unknown> {
  readonly specVersion: 'v1';
  readonly name: string;
  readonly description: string;
  readonly options: ZodType<Options>;
  create(variables: readonly Variable[], options: Options): OptimiserInstanceV1;
  /**
   * Present on second-order optimisers that work on a residual vector in float64
   * (Levenberg–Marquardt): minimises ½‖r‖² from `start` in at most `iterations` iterations.
   * Training uses it instead of `create` on networks with a float64 path.
   */
  leastSquares?(problem: LeastSquaresProblemV1, start: Float64Array, options: Options, iterations: number): LeastSquaresResultV1;
}
