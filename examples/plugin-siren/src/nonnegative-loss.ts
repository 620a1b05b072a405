import { defineLossTerm, didYouMean, QuadrantError } from '@quadrant/spec';
import { div, mul, relu, square, sub, sum, tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';

/** Options of `nonnegative`; `{}` parses. */
export const nonnegativeOptions = z.strictObject({
  /** The unknowns that must stay at or above the floor; default: every unknown. */
  unknowns: z.array(z.string().min(1)).min(1).optional(),
  /** The lower bound (0: populations, concentrations, probabilities). */
  floor: z.number().default(0),
});

/** Validated options of `nonnegative`. */
export type NonnegativeOptions = z.output<typeof nonnegativeOptions>;

/**
 * A one-sided penalty that keeps unknowns at or above a floor: the mean over the collocation
 * points and the chosen unknowns of max(floor − u, 0)². Populations, concentrations and epidemic
 * fractions (`logistic-growth`, `lotka-volterra`, `sir`) never go negative, yet a network can
 * dip below zero where the solution nears it, early in training or past the data; the term is
 * zero wherever the bound holds, so it does not bias a solution that respects it.
 * @throws QuadrantError `CONFIG_INVALID` from `create` when `options.unknowns` names an unknown the problem lacks
 */
export const nonnegativeLoss = defineLossTerm<NonnegativeOptions>({
  name: 'nonnegative',
  description: 'mean squared shortfall of the unknowns below a floor (default 0) at the collocation points',
  options: nonnegativeOptions,
  needsData: false,
  create(context, options) {
    const chosen = options.unknowns ?? context.unknowns;
    for (const name of chosen) {
      if (!context.unknowns.includes(name)) {
        throw new QuadrantError(
          'CONFIG_INVALID',
          `nonnegative (problem '${context.problem.name}'): options.unknowns: no unknown '${name}' (unknowns: ${context.unknowns.join(', ')})${didYouMean(name, context.unknowns)}`,
        );
      }
    }
    // A constant 0/1 mask over the output columns rather than `gather`, whose gradient the wasm backend lacks.
    const mask = tensor2d(
      context.unknowns.map((name) => (chosen.includes(name) ? 1 : 0)),
      [1, context.unknowns.length],
    );
    const count = new Set(chosen).size;
    return {
      order: 0,
      evaluate(step) {
        const values = step.jets(step.collocation, 0)[0]!;
        const shortfall = relu(sub(options.floor, values));
        return div(sum(mul(square(shortfall), mask)), values.shape[0] * count);
      },
      dispose: () => mask.dispose(),
    };
  },
});
