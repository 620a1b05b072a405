import { defineWeighting, seededRandom, type WeightingStateV1 } from '@quadrant/spec';
import { z } from 'zod';
import { numbersOf, readWeightingState } from './weighting-state.ts';

/** Options of `relobralo`. */
export const relobraloWeightingOptions = z.strictObject({
  /** Weight of the history, α (the paper's best runs: 0.999). */
  alpha: z.number().min(0).max(1).default(0.999),
  /** Softmax temperature T. */
  temperature: z.number().positive().default(0.1),
  /** Expectation of the Bernoulli "saudade" ρ that decides whether the history looks back to the first epoch. */
  saudade: z.number().min(0).max(1).default(0.999),
});

const version = 1;

// Added to T·L_i(t') so that a term that reaches 0 (an initial condition met to float32
// round-off) does not divide by zero.
const epsilon = 1e-12;

/**
 * Relative loss balancing with random lookback (ReLoBRaLo, Bischof & Kraus 2021), updated
 * every epoch from the term values alone (no gradients):
 * bal_i(t, t') = m·softmax_i(L_i(t) / (T·L_i(t'))) over the m terms,
 * λ_i(t) = α·(ρ·λ_i(t−1) + (1 − ρ)·bal_i(t, 0)) + (1 − α)·bal_i(t, t−1), ρ ~ Bernoulli(saudade)
 * drawn from the run's seed. Terms that fall faster than the others relative to where they
 * started gain less weight. bal divides by T·L_i(t') + 1e-12, so a term at 0 divides nothing by
 * zero; a non-finite value, or factors that would not be positive and finite, leave the factors as they were.
 */
export const relobraloWeighting = defineWeighting({
  name: 'relobralo',
  description: 'relative loss balancing with random lookback (Bischof & Kraus 2021), every epoch',
  options: relobraloWeightingOptions,
  create({ terms, seed }, options) {
    let random = seededRandom(seed);
    let draws = 0;
    let factors = terms.map(() => 1);
    let first: number[] | undefined;
    let previous: number[] | undefined;
    const balance = (now: readonly number[], then: readonly number[]): number[] => {
      const scaled = now.map((value, i) => value / (options.temperature * then[i]! + epsilon));
      const top = Math.max(...scaled);
      const exponentials = scaled.map((value) => Math.exp(value - top));
      const total = exponentials.reduce((sum, value) => sum + value, 0);
      return exponentials.map((value) => (terms.length * value) / total);
    };
    return {
      factors: () => factors,
      update(step) {
        const values = [...step.values];
        if (!values.every(Number.isFinite)) return;
        if (first === undefined || previous === undefined) {
          first = values;
          previous = values;
          return;
        }
        const lookback = random.uniform() < options.saudade ? 1 : 0;
        draws++;
        const sinceStart = balance(values, first);
        const sinceLast = balance(values, previous);
        const next = factors.map((factor, i) => options.alpha * (lookback * factor + (1 - lookback) * sinceStart[i]!) + (1 - options.alpha) * sinceLast[i]!);
        if (next.every((factor) => Number.isFinite(factor) && factor > 0)) factors = next;
        previous = values;
      },
      state: (): WeightingStateV1 => ({
        weighting: 'relobralo',
        version,
        data: { terms: terms.length, factors, first: first ?? null, previous: previous ?? null, draws },
      }),
      restore(state) {
        const data = readWeightingState(state, 'relobralo', version, terms.length);
        factors = numbersOf(data, 'factors', terms.length);
        first = data.first === null ? undefined : numbersOf(data, 'first', terms.length);
        previous = data.previous === null ? undefined : numbersOf(data, 'previous', terms.length);
        draws = typeof data.draws === 'number' ? data.draws : 0;
        random = seededRandom(seed);
        for (let drawn = 0; drawn < draws; drawn++) random.uniform();
      },
    };
  },
});
