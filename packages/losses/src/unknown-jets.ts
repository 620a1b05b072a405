import { split, type Tensor2D } from '@tensorflow/tfjs-core';
import { checkedJets, type OutputColumn, type OutputLayout } from './output-layout.ts';

/**
 * Each unknown's own derivatives as [N, 1] columns, `result[name][k]` for k = 0…`highest(unknown)`:
 * the shape `@quadrant/equations/tensor` reads. One `split` per order, not one slice per
 * unknown, because on wasm the per-op cost dominates tensors this small.
 * @param jets - the network's jets at N points, each [N, outputs], orders 0 and up
 */
export function unknownJets(jets: readonly Tensor2D[], layout: OutputLayout, highest: (unknown: OutputColumn) => number): Record<string, Tensor2D[]> {
  const top = Math.max(...layout.columns.map(highest));
  checkedJets(jets, top, layout);
  const byOrder: Tensor2D[][] = [];
  for (let k = 0; k <= top; k++) byOrder.push(layout.outputs === 1 ? [jets[k]!] : split(jets[k]!, layout.outputs, 1));
  const result: Record<string, Tensor2D[]> = {};
  for (const unknown of layout.columns) {
    result[unknown.name] = byOrder.slice(0, highest(unknown) + 1).map((columns) => columns[unknown.column]!);
  }
  return result;
}
