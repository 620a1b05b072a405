import { compileTensorRhs } from '@quadrant/equations/tensor';
import { defineLossTerm } from '@quadrant/spec';
import { concat, div, keep, mul, type Scalar, square, sub, sum, type Tensor1D, type Tensor2D, tensor1d } from '@tensorflow/tfjs-core';
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
  // The trainer applies the weight; a typo in a config is refused, not ignored.
  options: z.strictObject({
    /**
     * ε of causal weighting (0: off). Each point's squared residual is weighted by
     * w(t) = exp(−ε·(1/N)·Σ_{t_j < t} r_j²), held constant in the gradient, so a point counts
     * only once the equation holds before it (Wang, Sankaran & Perdikaris 2022).
     */
    causality: z.number().nonnegative().default(0),
    /**
     * Epochs during which causal weighting applies (default: all); after them the term is the
     * plain mean. A causal first phase leaves the trivial solution behind, a plain second
     * phase converges without the weights' front still moving (the plateau stop of a later
     * phase would otherwise read a loss whose weights keep changing).
     */
    causalEpochs: z.int().positive().optional(),
  }),
  needsData: false,
  create(context, options) {
    const layout = outputLayout(context, 'residual');
    const rhs = compileTensorRhs(context.problem);
    const order = layout.highestOrder;
    // Causal weights of the current epoch: computed at its first evaluation and kept for the
    // rest, so an optimiser that evaluates several times per step (a line search) sees one objective.
    let held: { epoch: number; points: Tensor2D; weights: Tensor1D } | undefined;
    return {
      order,
      evaluate(step) {
        // Each unknown gets its jets up to its own order: the right-hand side reads the lower
        // ones by index and ignores the last, which the residual compares against it.
        const unknowns = unknownJets(step.jets(step.collocation, order), layout, (unknown) => unknown.order);
        const right = rhs({ t: step.collocation, unknowns, parameters: step.parameters });
        const differences = layout.columns.map(({ name, order }) => sub<Tensor2D>(unknowns[name]![order]!, right[name]!));
        if (!options.causality || (options.causalEpochs !== undefined && step.epoch >= options.causalEpochs)) return meanSquare(differences);
        const squares = sum(square(differences.length === 1 ? differences[0]! : concat(differences, 1)), 1);
        if (held === undefined || held.epoch !== step.epoch || held.points !== step.collocation) {
          held?.weights.dispose();
          held = { epoch: step.epoch, points: step.collocation, weights: keep(causalWeights(step.collocation, squares.dataSync(), options.causality)) };
        }
        const weights = held.weights;
        return div<Scalar>(sum(mul(squares, weights)), squares.size * layout.columns.length);
      },
      dispose() {
        held?.weights.dispose();
        held = undefined;
      },
    };
  },
});

/**
 * w_i = exp(−ε·(1/N)·Σ_{t_j < t_i} s_j) for the points' squared residuals s, worked out in
 * numbers (a constant for the tape: the weights steer the gradient but get none). The points
 * need not be sorted. At the last point the exponent is ε times the mean squared residual,
 * so the weights approach 1 by themselves as the residual falls below 1/ε.
 */
function causalWeights(points: Tensor2D, squares: ArrayLike<number>, epsilon: number) {
  const t = points.dataSync();
  const order = Array.from({ length: squares.length }, (_, i) => i).sort((a, b) => t[a]! - t[b]!);
  const weights = new Float32Array(squares.length);
  let before = 0;
  for (const i of order) {
    weights[i] = Math.exp((-epsilon * before) / squares.length);
    before += squares[i]!;
  }
  return tensor1d(weights);
}
