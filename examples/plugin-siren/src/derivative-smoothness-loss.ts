import { defineLossTerm } from '@quadrant/spec';
import { mean, square } from '@tensorflow/tfjs-core';
import { z } from 'zod';

/** Options of `derivative-smoothness`; `{}` parses. */
export const derivativeSmoothnessOptions = z.strictObject({
  /** The derivative order penalised; default: one above the problem's highest equation order. */
  order: z.int().positive().optional(),
});

/** Validated options of `derivative-smoothness`. */
export type DerivativeSmoothnessOptions = z.output<typeof derivativeSmoothnessOptions>;

/**
 * A smoothness penalty: the mean over the collocation points and the network outputs of
 * (d^k u/dt^k)², with k one above the problem's highest order unless `options.order` says
 * otherwise (y'' for dy/dt = −k·y, y''' for an oscillator). The equations fix derivatives up to
 * their own order only at the collocation points; a sine network can still wiggle between
 * them, and the next derivative is where wiggles show. The penalty is not zero at the true
 * solution, so it biases towards flatter curves: give it a small weight (1e-4 to 1e-2 of the
 * residual's). The network must provide jets of order k (`siren` up to 6, the built-ins up to 4).
 */
export const derivativeSmoothnessLoss = defineLossTerm<DerivativeSmoothnessOptions>({
  name: 'derivative-smoothness',
  description: 'mean square of the derivative one order above the equations at the collocation points: damps wiggles between them',
  options: derivativeSmoothnessOptions,
  needsData: false,
  create(context, options) {
    const order = options.order ?? Math.max(...context.problem.unknowns.map((unknown) => unknown.order)) + 1;
    return {
      order,
      evaluate: (step) => mean(square(step.jets(step.collocation, order)[order]!)),
      // Nothing to free: the term makes no tensors of its own.
      dispose() {},
    };
  },
});
