import { defineLossTerm } from '@quadrant/spec';
import { concat, sub, type Tensor2D, tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { maskedMeanSquare, meanSquare } from './mean-square.ts';
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
    // every output, …]: entry k·outputs + column. Orders at or above an unknown's own are masked out.
    const width = (order + 1) * layout.outputs;
    const targets = new Float32Array(width);
    const kept = new Float32Array(width);
    let count = 0;
    for (let k = 0; k <= order; k++) {
      for (const unknown of layout.columns) {
        if (k >= unknown.order) continue;
        targets[k * layout.outputs + unknown.column] = problem.initial[unknown.name]![k]!;
        kept[k * layout.outputs + unknown.column] = 1;
        count++;
      }
    }
    const start = tensor2d([[problem.domain[0]]]);
    const target = tensor2d(targets, [1, width]);
    const mask: Tensor2D | undefined = count === width ? undefined : tensor2d(kept, [1, width]);
    return {
      order: 0,
      evaluate(step) {
        const jets = checkedJets(step.jets(start, order), order, layout);
        const row: Tensor2D = order === 0 ? jets[0]! : concat(jets.slice(0, order + 1), 1);
        const difference = sub<Tensor2D>(row, target);
        return mask === undefined ? meanSquare([difference]) : maskedMeanSquare(difference, mask, count);
      },
      dispose() {
        start.dispose();
        target.dispose();
        mask?.dispose();
      },
    };
  },
});
