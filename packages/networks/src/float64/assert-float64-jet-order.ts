import { QuadrantError } from '@quadrant/spec';

/**
 * Refuses a float64 jet request the network cannot answer exactly, in the words of the tfjs
 * path's refusal.
 * @param network - what to name in the message (the architecture)
 * @throws QuadrantError `JETS_UNSUPPORTED` when `order` is not an integer in 0..jetOrder
 */
export function assertFloat64JetOrder(network: string, order: number, jetOrder: number): void {
  if (Number.isInteger(order) && order >= 0 && order <= jetOrder) return;
  throw new QuadrantError(
    'JETS_UNSUPPORTED',
    `${network}: float64 jets of order ${order} requested, but this network gives input derivatives of orders 0 to ${jetOrder} only; ` +
      `ask for at most order ${jetOrder} or use an architecture whose jetOrder reaches ${order}`,
  );
}
