import { defineWeighting, type WeightingStateV1 } from '@quadrant/spec';
import { z } from 'zod';
import { numbersOf, readWeightingState } from './weighting-state.ts';

/** Options of `lr-annealing`. */
export const lrAnnealingWeightingOptions = z.strictObject({
  /** The term the others are balanced against; absent from the run, the first term is. */
  reference: z.string().min(1).default('residual'),
  /** Epochs between updates: each costs one backward pass per term. */
  every: z.int().positive().default(10),
  /** Weight of the new estimate in the moving average λ ← (1 − alpha)·λ + alpha·λ̂; the authors' code keeps 0.9 of the old value. */
  alpha: z.number().min(0).max(1).default(0.1),
});

const version = 1;

/**
 * Learning-rate annealing (Wang, Teng & Perdikaris 2021, Algorithm 1): every `every` epochs,
 * each other term's factor moves towards λ̂_i = max|∇θ L_ref| / mean|∇θ L_i|, so that no term's
 * gradient is dwarfed by the reference term's (the equation residual's) largest component.
 * The reference term keeps factor 1. An estimate that is not finite (a term with no gradient)
 * leaves that factor as it was.
 */
export const lrAnnealingWeighting = defineWeighting({
  name: 'lr-annealing',
  description: 'factors from the ratio of gradient magnitudes (Wang, Teng & Perdikaris 2021), every few epochs',
  options: lrAnnealingWeightingOptions,
  create({ terms }, options) {
    const reference = Math.max(0, terms.indexOf(options.reference));
    let factors = terms.map(() => 1);
    return {
      factors: () => factors,
      update(step) {
        if ((step.epoch + 1) % options.every !== 0 || terms.length < 2) return;
        const statistics = step.gradientStatistics();
        const largest = statistics[reference]!.max;
        factors = factors.map((factor, i) => {
          if (i === reference) return 1;
          const estimate = largest / statistics[i]!.mean;
          return Number.isFinite(estimate) && estimate > 0 ? (1 - options.alpha) * factor + options.alpha * estimate : factor;
        });
      },
      state: (): WeightingStateV1 => ({ weighting: 'lr-annealing', version, data: { terms: terms.length, factors } }),
      restore(state) {
        factors = numbersOf(readWeightingState(state, 'lr-annealing', version, terms.length), 'factors', terms.length);
      },
    };
  },
});
