import type { Tensor2D } from '@tensorflow/tfjs-core';
import { QuadrantError } from '@quadrant/spec';

/**
 * Refuses a jet request the network cannot answer exactly.
 * @param network - what to name in the message (the architecture)
 * @throws QuadrantError `JETS_UNSUPPORTED` when `order` is not an integer in 0..jetOrder
 * @throws QuadrantError `SHAPE_MISMATCH` when `input` is not [N, inputs]
 */
export function assertJetRequest(network: string, input: Tensor2D, order: number, jetOrder: number, inputs: number): void {
  if (!Number.isInteger(order) || order < 0 || order > jetOrder) {
    throw new QuadrantError(
      'JETS_UNSUPPORTED',
      `${network}: jets of order ${order} requested, but this network gives input derivatives of orders 0 to ${jetOrder} only; ` +
        `ask for at most order ${jetOrder} or use an architecture whose jetOrder reaches ${order}`,
    );
  }
  if (input.rank !== 2 || input.shape[1] !== inputs) {
    throw new QuadrantError(
      'SHAPE_MISMATCH',
      `${network}: input of shape [${input.shape.join(', ')}] given, but this network takes [N, ${inputs}] (column 0 is t)`,
    );
  }
}
