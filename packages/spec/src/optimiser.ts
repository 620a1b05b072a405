import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ZodType } from 'zod';
import type { LeastSquaresProblemV1, LeastSquaresResultV1 } from './float64.ts';

/** The loss and its gradients for every optimised variable, in the variables' order. */
export interface LossAndGradientsV1 {
  readonly value: Scalar;
  readonly grads: readonly Tensor[];
}

/** A JSON value: what an optimiser's saved state is made of (no NaN, no Infinity, no undefined). */
export type JsonValueV1 = null | boolean | number | string | readonly JsonValueV1[] | { readonly [key: string]: JsonValueV1 };

/**
 * An optimiser's state between steps, as saved beside a model to continue training from it:
 * plain JSON, so `JSON.parse(JSON.stringify(state))` restores the same optimiser bit for bit.
 * `version` numbers the layout of `data` for this optimiser; `restore` refuses a state of
 * another optimiser or of a version it does not read, so a layout change bumps it.
 */
export interface OptimiserStateV1 {
  /** The optimiser's registry name (`adam`). */
  readonly optimiser: string;
  /** Version of this optimiser's layout of `data`, from 1. */
  readonly version: number;
  /** The optimiser's own fields: step counts, per-variable moments or buffers in the variables' order, curvature history. */
  readonly data: { readonly [key: string]: JsonValueV1 };
}

/**
 * A built optimiser over a fixed list of variables. `step` takes a closure, as in PyTorch,
 * so quasi-Newton methods may evaluate the loss several times per step. The closure's
 * tensors are owned by the optimiser, which disposes them.
 *
 * An optimiser that carries anything from one step to the next (moments, momentum, a
 * curvature history, a step count for its learning-rate schedule) implements `state` and
 * `restore`, so that training continued from a saved model steps exactly as an uninterrupted
 * run would; one without them starts afresh when training is continued.
 */
export interface OptimiserInstanceV1 {
  /** One optimisation step; returns the loss before it (the caller disposes it). */
  step(closure: () => LossAndGradientsV1): Scalar;
  /** Set once it has converged, saying why (then further steps change nothing; training ends the phase). */
  readonly converged?: string | undefined;
  /** Its state after the steps taken so far (JSON-safe; see `OptimiserStateV1`). */
  state?(): OptimiserStateV1;
  /**
   * Continues from a state `state()` gave, on variables of the same shapes, before any step.
   * @throws QuadrantError `ARTEFACT_INVALID` for a state of another optimiser, of a version it does not read, or that does not fit the variables
   */
  restore?(state: OptimiserStateV1): void;
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
