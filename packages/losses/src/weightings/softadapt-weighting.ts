import { defineWeighting, type WeightingStateV1 } from '@quadrant/spec';
import { z } from 'zod';
import { numbersOf, readWeightingState } from './weighting-state.ts';

/** Options of `softadapt`. */
export const softadaptWeightingOptions = z.strictObject({
  /** β of the softmax over the rates of change: larger favours the term that falls slowest (or rises) more. */
  beta: z.number().positive().default(0.1),
  /** Epochs between updates; the rate of change is taken over this span. */
  every: z.int().positive().default(10),
  /** Multiply each softmax weight by its term's value (the paper's loss-weighted variant). */
  lossWeighted: z.boolean().default(true),
});

const version = 1;

/**
 * SoftAdapt (Heydari, Thompson & Mehmood 2019), normalised and (by default) loss-weighted:
 * every `every` epochs the rates of change s_i = L_i(now) − L_i(last update), scaled by Σ|s|,
 * give factors m·L_i·exp(β s_i) / Σ_j L_j·exp(β s_j) over the m terms, so the term that
 * decreases slowest gets more weight. Term values alone; a non-finite value leaves the factors as they were.
 */
export const softadaptWeighting = defineWeighting({
  name: 'softadapt',
  description: 'softmax of the terms’ rates of change (Heydari et al. 2019), every few epochs',
  options: softadaptWeightingOptions,
  create({ terms }, options) {
    let factors = terms.map(() => 1);
    let previous: number[] | undefined;
    return {
      factors: () => factors,
      update(step) {
        if ((step.epoch + 1) % options.every !== 0) return;
        const values = [...step.values];
        if (!values.every(Number.isFinite)) return;
        if (previous !== undefined) {
          const rates = values.map((value, i) => value - previous![i]!);
          const scale = rates.reduce((sum, rate) => sum + Math.abs(rate), 0) || 1;
          const exponents = rates.map((rate) => (options.beta * rate) / scale);
          const top = Math.max(...exponents);
          const raw = exponents.map((exponent, i) => Math.exp(exponent - top) * (options.lossWeighted ? values[i]! : 1));
          const total = raw.reduce((sum, value) => sum + value, 0);
          if (total > 0 && Number.isFinite(total)) factors = raw.map((value) => Math.max((terms.length * value) / total, Number.MIN_VALUE));
        }
        previous = values;
      },
      state: (): WeightingStateV1 => ({ weighting: 'softadapt', version, data: { terms: terms.length, factors, previous: previous ?? null } }),
      restore(state) {
        const data = readWeightingState(state, 'softadapt', version, terms.length);
        factors = numbersOf(data, 'factors', terms.length);
        previous = data.previous === null ? undefined : numbersOf(data, 'previous', terms.length);
      },
    };
  },
});
