import type { LossStepV1, NetworkV1 } from '@quadrant/spec';
import type { Scalar, Tensor2D } from '@tensorflow/tfjs-core';

/** Test fixture: a training step on `network` that records every jets request (input rows and order). */
export function testStep(
  network: NetworkV1,
  collocation: Tensor2D,
  parameters: Readonly<Record<string, Scalar>>,
): LossStepV1 & { readonly requests: { readonly rows: number; readonly order: number; readonly collocation: boolean }[] } {
  const requests: { rows: number; order: number; collocation: boolean }[] = [];
  return {
    epoch: 0,
    collocation,
    parameters,
    requests,
    jets(input, order) {
      requests.push({ rows: input.shape[0], order, collocation: input === collocation });
      return network.jets(input, order);
    },
  };
}
