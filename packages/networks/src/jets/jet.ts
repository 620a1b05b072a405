import { add, addN, broadcastTo, concat, split, type Tensor2D, zeros } from '@tensorflow/tfjs-core';

/**
 * A truncated Taylor jet in the input column t: entry k is d^k/dt^k of a quantity, [N, width]
 * (or [1, width] when it is the same on every row, e.g. the first layer's z' = W[0, :]).
 * `undefined` marks an order that is identically zero, so its terms are never computed.
 * Entry 0, the value, is always present; the length is order + 1.
 */
export type Jet = (Tensor2D | undefined)[];

/**
 * A jet whose present orders are stacked row-wise into one [(orders)·N, width] matrix,
 * ready for a dense layer: one matMul for all orders instead of one per order, because on
 * wasm the per-op cost, not the arithmetic, dominates networks this small.
 */
export interface StackedJet {
  /** The blocks of `orders`, N rows each, in that order. */
  readonly matrix: Tensor2D;
  /** The orders present, ascending, starting with 0; the others are identically zero. */
  readonly orders: readonly number[];
  /** Highest order carried (the jet's length − 1). */
  readonly order: number;
}

/** Sum of tensors (one `addN` when shapes agree, else broadcasting adds). */
export function sumTensors(terms: readonly Tensor2D[]): Tensor2D {
  if (terms.length === 1) return terms[0]!;
  const shape = terms[0]!.shape;
  if (terms.length > 2 && terms.every((term) => term.shape[0] === shape[0] && term.shape[1] === shape[1])) return addN(terms as Tensor2D[]);
  return terms.slice(1).reduce((total, term) => add(total, term), terms[0]!);
}

/** Stacks a jet's present orders into one matrix (blocks of one row are broadcast to N rows). */
export function stackJet(jet: Jet): StackedJet {
  const value = jet[0]!;
  const rows = value.shape[0];
  const orders: number[] = [];
  const blocks: Tensor2D[] = [];
  jet.forEach((block, k) => {
    if (block === undefined) return;
    orders.push(k);
    blocks.push(block.shape[0] === rows ? block : broadcastTo(block, [rows, block.shape[1]]));
  });
  return { matrix: blocks.length === 1 ? blocks[0]! : concat(blocks, 0), orders, order: jet.length - 1 };
}

/** The jet a stacked matrix holds: one `split` (contiguous row blocks), then zeros as `undefined`. */
export function unstackJet(matrix: Tensor2D, orders: readonly number[], order: number): Jet {
  const blocks = orders.length === 1 ? [matrix] : split<Tensor2D>(matrix, orders.length, 0);
  const jet: Jet = new Array<Tensor2D | undefined>(order + 1).fill(undefined);
  orders.forEach((k, i) => {
    jet[k] = blocks[i];
  });
  return jet;
}

/** Sum of two stacked jets: one add when the same orders are present, else order by order. */
export function addStackedJets(a: StackedJet, b: StackedJet): StackedJet {
  if (a.orders.length === b.orders.length && a.orders.every((k, i) => b.orders[i] === k)) {
    return { ...a, matrix: add(a.matrix, b.matrix) };
  }
  const left = unstackJet(a.matrix, a.orders, a.order);
  const right = unstackJet(b.matrix, b.orders, b.order);
  return stackJet(left.map((block, k) => (block === undefined ? right[k] : right[k] === undefined ? block : add<Tensor2D>(block, right[k]!))));
}

/**
 * The jet as the network returns it: `order + 1` tensors [rows, columns], zeros made explicit.
 * A one-row block is copied even when rows = 1: it may be a weight itself (z' = W[0, :] of a
 * network without hidden layers), which a caller must be free to dispose.
 */
export function finishJet(jet: Jet, rows: number, columns: number): Tensor2D[] {
  return jet.map((block) => {
    if (block === undefined) return zeros([rows, columns]);
    return block.shape[0] === rows && rows !== 1 ? block : broadcastTo(block, [rows, columns]);
  });
}
