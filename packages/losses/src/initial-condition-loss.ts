import { defineLossTerm } from '@quadrant/spec';
import { concat, gather, sub, type Tensor1D, type Tensor2D, tensor1d, tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { meanSquare } from './mean-square.ts';
import { checkedJets, outputLayout } from './output-layout.ts';

/**
 * The soft initial condition: the mean, over every value of `problem.initial` (each unknown u
 * and its derivatives below its order), of (u^(k)(t0) − initial[u][k])², with t0 = domain[0].
 * One jets call on a [1, 1] input per step; it asks nothing at the collocation points, so its
 * `order` is 0. A network built to meet the initial condition exactly (a trial solution) makes
 * this term zero and gradient-free: leave it out then.
 */
export const initialConditionLoss = defineLossTerm({
  name: 'initial-condition',
  description: 'mean squared mismatch of the values and derivatives of problem.initial at the start of the domain',
  options: z.strictObject({}),
  needsData: false,
  create(context) {
    const layout = outputLayout(context, 'initial-condition');
    const { problem } = context;
    const order = layout.highestOrder - 1;
    // The jets at t0 concatenated along columns are one row [u(t0) of every output, u'(t0) of
    // every output, …]: entry k·outputs + column. Targets follow the same order.
    const indices: number[] = [];
    const targets: number[] = [];
    for (let k = 0; k <= order; k++) {
      for (const unknown of layout.columns) {
        if (k >= unknown.order) continue;
        indices.push(k * layout.outputs + unknown.column);
        targets.push(problem.initial[unknown.name]![k]!);
      }
    }
    const start = tensor2d([[problem.domain[0]]]);
    const target = tensor2d(targets, [1, targets.length]);
    // Every output column in order, every order present: the row is the target's layout as is.
    const everyEntry = indices.length === (order + 1) * layout.outputs && indices.every((index, i) => index === i);
    const picked: Tensor1D | undefined = everyEntry ? undefined : tensor1d(indices, 'int32');
    return {
      order: 0,
      evaluate(step) {
        const jets = checkedJets(step.jets(start, order), order, layout);
        const row: Tensor2D = order === 0 ? jets[0]! : concat(jets.slice(0, order + 1), 1);
        return meanSquare([sub(picked === undefined ? row : gather(row, picked, 1), target)]);
      },
      dispose() {
        start.dispose();
        target.dispose();
        picked?.dispose();
      },
    };
  },
});
