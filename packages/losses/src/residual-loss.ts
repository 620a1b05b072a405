import { compileTensorRhs } from '@quadrant/equations/tensor';
import { defineLossTerm } from '@quadrant/spec';
import { sub } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { meanSquare } from './mean-square.ts';
import { outputLayout } from './output-layout.ts';
import { unknownJets } from './unknown-jets.ts';

/**
 * The equation residual: for every unknown u of order m, r = u^(m) − f(t, u, u', …, parameters)
 * at the step's collocation points, and the value is the mean of r² over the points and over
 * every equation of the system. The right-hand side reads `step.parameters`, so a learnable
 * parameter (an inverse problem, `"k": { "guess": 0.5, "learn": true }`) gets a gradient from
 * this term. Asks for jets up to the problem's highest order at the collocation points.
 * @throws QuadrantError `PROBLEM_INVALID` from `create` when an equation does not compile;
 *   `CONFIG_INVALID` when an unknown has no network output
 */
export const residualLoss = defineLossTerm({
  name: 'residual',
  description: 'mean squared residual of every equation at the collocation points',
  // No options: the trainer applies the weight, and a typo in a config is refused, not ignored.
  options: z.strictObject({}),
  needsData: false,
  create(context) {
    const layout = outputLayout(context, 'residual');
    const rhs = compileTensorRhs(context.problem);
    const order = layout.highestOrder;
    return {
      order,
      evaluate(step) {
        // Each unknown gets its jets up to its own order: the right-hand side reads the lower
        // ones by index and ignores the last, which the residual compares against it.
        const unknowns = unknownJets(step.jets(step.collocation, order), layout, (unknown) => unknown.order);
        const right = rhs({ t: step.collocation, unknowns, parameters: step.parameters });
        return meanSquare(layout.columns.map(({ name, order }) => sub(unknowns[name]![order]!, right[name]!)));
      },
      dispose() {},
    };
  },
});
