import type { Tensor, Tensor2D, Variable } from '@tensorflow/tfjs-core';
import type { ZodType } from 'zod';
import type { ActivationsV1 } from './activation.ts';
import type { Float64PathV1 } from './float64.ts';

/** The initial-value problem a network is built for, in the coordinates of its input column 0. */
export interface InitialStateV1 {
  /** The training domain [start, end] of the input; the initial values hold at `start`. */
  readonly domain: readonly [number, number];
  /** For each output, [u, u', …, u^(order−1)] at `domain[0]`: the length is that unknown's order. */
  readonly values: readonly (readonly number[])[];
}

/** Shape and seed of a network to build. */
export interface NetworkShapeV1 {
  /** Input columns; column 0 is the independent variable, further columns (if any) are extra inputs such as problem parameters. */
  readonly inputs: number;
  /** Output columns, one per unknown. */
  readonly outputs: number;
  /** Seed of the weight initialiser: the same seed gives the same weights on one backend. */
  readonly seed: number;
  /**
   * Optional: the problem's initial state, for architectures that integrate an equation in time
   * from it (`neural-ode`); others ignore it. The trainer always passes it.
   */
  readonly initial?: InitialStateV1;
}

/** Jets with a hand-written vector–Jacobian product, for training without the autodiff tape. */
export interface JetsWithVjpV1 {
  /** As `NetworkV1.jets`. */
  readonly jets: Tensor2D[];
  /**
   * Maps cotangents of the jets (same shapes as `jets`; a missing order counts as zero) to
   * the gradients of `variables`, in the same order. Call at most once.
   */
  vjp(cotangents: readonly (Tensor2D | undefined)[]): Tensor[];
}

/** A built network: trainable variables and exact input derivatives. */
export interface NetworkV1 {
  /** Registry name of the architecture that built it. */
  readonly architecture: string;
  /** The validated options it was built with (JSON-serialisable: saved with the model). */
  readonly options: unknown;
  readonly shape: NetworkShapeV1;
  /** Highest input-derivative order `jets` can return exactly. */
  readonly jetOrder: number;
  /** Trainable variables, in a stable order (saved and loaded in this order). */
  readonly variables: readonly Variable[];
  /**
   * The output and its derivatives with respect to input column 0, up to `order`:
   * `result[k]` is d^k y / dt^k, each [N, outputs], for input [N, inputs]. Computed by
   * forward-mode propagation, so one reverse pass gives exact weight gradients.
   * @throws QuadrantError `JETS_UNSUPPORTED` when `order > jetOrder`
   */
  jets(input: Tensor2D, order: number): Tensor2D[];
  /** Optional fast path: the same jets plus a hand-written backward (no transposed matMuls). */
  jetsWithVjp?(input: Tensor2D, order: number): JetsWithVjpV1;
  /** Optional float64 evaluation path (jets and their Jacobian in `Float64Array`s) for second-order training. */
  readonly float64?: Float64PathV1;
  /** Frees the variables. */
  dispose(): void;
}

/** A family of networks, registered by name, built from validated options. */
export interface ArchitectureV1<Options = unknown> {
  readonly specVersion: 'v1';
  /** Registry key, kebab-case (`mlp`, `fourier-mlp`). */
  readonly name: string;
  readonly description: string;
  /** Schema of the options; defaults live here, so `{}` must parse. */
  readonly options: ZodType<Options>;
  /** Highest input-derivative order its networks provide (0: values only). */
  readonly jetOrder: number;
  build(options: Options, shape: NetworkShapeV1): NetworkV1;
  /**
   * Optional, for an architecture whose options name an activation: the same architecture with
   * its options validated against, and its networks built from, `activations`. A registry calls
   * it with its own activations, so a plugin's activation can be named in the options. Returns
   * the architecture itself when `activations` are the ones it already uses.
   */
  withActivations?(activations: ActivationsV1): ArchitectureV1<Options>;
}
