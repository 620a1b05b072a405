import { type LossContextV1, QuadrantError } from '@quadrant/spec';
import type { Tensor2D } from '@tensorflow/tfjs-core';

/** An unknown of the problem: the order of its equation and the network output column that carries it. */
export interface OutputColumn {
  readonly name: string;
  readonly order: number;
  readonly column: number;
}

/** How a problem's unknowns sit in the network's output, worked out once when a term is created. */
export interface OutputLayout {
  /** The problem's unknowns in declaration order. */
  readonly columns: readonly OutputColumn[];
  /** Output columns of the network (`context.unknowns.length`). */
  readonly outputs: number;
  /** The highest order of any equation of the problem. */
  readonly highestOrder: number;
  /** Front of this term's messages: `residual (problem 'lorenz')`. */
  readonly where: string;
}

/**
 * Places each unknown of `context.problem` in the network's output columns (`context.unknowns`).
 * @throws QuadrantError `CONFIG_INVALID` when an unknown has no output column
 */
export function outputLayout(context: LossContextV1, term: string): OutputLayout {
  const { problem, unknowns } = context;
  const where = `${term} (problem '${problem.name}')`;
  const columns = problem.unknowns.map(({ name, order }) => {
    const column = unknowns.indexOf(name);
    if (column < 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `${where}: the unknown '${name}' has no network output (outputs: ${unknowns.join(', ')}); give the network one output per unknown, in the problem's order`,
      );
    }
    return { name, order, column };
  });
  return { columns, outputs: unknowns.length, highestOrder: Math.max(...columns.map((column) => column.order)), where };
}

/**
 * The jets a term was handed, checked to hold orders 0..`order`, each with one column per
 * network output: a mismatch here is a trainer or network bug, and names both sides.
 * @throws QuadrantError `SHAPE_MISMATCH`
 */
export function checkedJets(jets: readonly Tensor2D[], order: number, layout: OutputLayout): readonly Tensor2D[] {
  if (jets.length <= order) {
    throw new QuadrantError('SHAPE_MISMATCH', `${layout.where}: asked for jets up to order ${order}, got ${jets.length} (orders 0..${jets.length - 1})`);
  }
  for (let k = 0; k <= order; k++) {
    const columns = jets[k]!.shape[1];
    if (columns !== layout.outputs) {
      throw new QuadrantError(
        'SHAPE_MISMATCH',
        `${layout.where}: the jet of order ${k} has ${columns} columns, but the problem has ${layout.outputs} unknowns (${layout.columns.map((column) => column.name).join(', ')})`,
      );
    }
  }
  return jets;
}
