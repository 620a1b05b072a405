import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import type { ZodType } from 'zod';

/** One step's request for collocation points. */
export interface SampleStepV1 {
  readonly epoch: number;
  /**
   * Squared equation residual at the given points ([N, 1] → [N]), for adaptive samplers.
   * Costs a forward pass; samplers that do not adapt never call it.
   */
  residual(points: Tensor2D): Tensor1D;
}

/** A built sampler: a source of collocation points. */
export interface SamplerInstanceV1 {
  /** Points for this step, [N, 1], inside the domain. The caller disposes the tensor. */
  points(step: SampleStepV1): Tensor2D;
  dispose(): void;
}

/** A kind of collocation sampler (`grid`, `jittered-grid`, `uniform`, `residual-adaptive`). */
export interface SamplerV1<Options = unknown> {
  readonly specVersion: 'v1';
  readonly name: string;
  readonly description: string;
  readonly options: ZodType<Options>;
  create(context: { readonly domain: readonly [number, number]; readonly seed: number }, options: Options): SamplerInstanceV1;
}
