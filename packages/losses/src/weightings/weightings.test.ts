import { defineWeighting, QuadrantError, type WeightingStepV1, type WeightingV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { weightingConformance } from '../conformance/weighting-conformance.ts';
import { lossesPlugin } from '../losses-plugin.ts';
import { fixedWeighting } from './fixed-weighting.ts';
import { lrAnnealingWeighting, lrAnnealingWeightingOptions } from './lr-annealing-weighting.ts';
import { relobraloWeighting, relobraloWeightingOptions } from './relobralo-weighting.ts';
import { softadaptWeighting } from './softadapt-weighting.ts';

const step = (epoch: number, values: readonly number[], statistics: readonly { max: number; mean: number }[] = []): WeightingStepV1 => ({
  epoch,
  values,
  gradientStatistics: () => statistics,
});

describe('every built-in weighting passes the weighting kit', () => {
  for (const weighting of lossesPlugin.weightings ?? []) {
    describe(weighting.name, () => {
      for (const check of weightingConformance(weighting)) it(check.name, check.run);
    });
  }
});

describe('the weighting kit catches broken schemes', () => {
  const broken = (name: string, create: WeightingV1['create']) =>
    defineWeighting({ name, description: 'broken on purpose', options: z.strictObject({}), create });
  const failing = async (weighting: WeightingV1, title: string) => {
    const check = weightingConformance(weighting).find((each) => each.name.includes(title))!;
    await expect(check.run()).rejects.toThrow(weighting.name);
  };

  it('a factor that turns negative', async () => {
    let factors = [1, 1, 1];
    await failing(
      broken('negative', () => ({
        factors: () => factors,
        update: (each) => {
          factors = each.values.map((value) => value - 0.5);
        },
      })),
      'positive, finite',
    );
  });

  it('a state that forgets what it needs to continue', async () => {
    await failing(
      broken('forgetful', () => {
        let updates = 0;
        return {
          factors: () => [1 + updates, 1, 1],
          update: () => {
            updates++;
          },
          state: () => ({ weighting: 'forgetful', version: 1, data: {} }),
          restore: () => {},
        };
      }),
      'restored state',
    );
  });
});

describe('fixed', () => {
  it('keeps every factor at 1', () => {
    const instance = fixedWeighting.create({ terms: ['residual', 'data'], seed: 0 }, {});
    instance.update(step(0, [5, 1e-6]));
    expect(instance.factors()).toEqual([1, 1]);
  });
});

describe('lr-annealing', () => {
  // Defaults: reference 'residual', every 10 epochs, alpha 0.1.
  const options = lrAnnealingWeightingOptions.parse({});

  it('moves each other factor towards max|∇L_ref| / mean|∇L_i| every `every` epochs, asking for gradients only then', () => {
    const instance = lrAnnealingWeighting.create({ terms: ['data', 'residual'], seed: 0 }, options);
    let asked = 0;
    const statistics = [
      { max: 1, mean: 0.02 },
      { max: 4, mean: 0.5 },
    ];
    for (let epoch = 0; epoch < 10; epoch++) {
      instance.update({
        epoch,
        values: [1, 1],
        gradientStatistics: () => {
          asked++;
          return statistics;
        },
      });
    }
    expect(asked).toBe(1);
    // λ̂_data = 4 / 0.02 = 200; λ = 0.9·1 + 0.1·200 = 20.9; the residual (reference) stays 1.
    expect(instance.factors()[0]).toBeCloseTo(20.9, 10);
    expect(instance.factors()[1]).toBe(1);
  });

  it('takes the first term as the reference when the run has no residual term', () => {
    const instance = lrAnnealingWeighting.create({ terms: ['data', 'energy'], seed: 0 }, { ...options, every: 1, alpha: 1 });
    instance.update(
      step(
        0,
        [1, 1],
        [
          { max: 3, mean: 1 },
          { max: 1, mean: 0.5 },
        ],
      ),
    );
    expect(instance.factors()).toEqual([1, 6]);
  });

  it('refuses a saved state of another scheme', () => {
    const instance = lrAnnealingWeighting.create({ terms: ['data', 'residual'], seed: 0 }, options);
    const foreign = { weighting: 'relobralo', version: 1, data: { terms: 2 } };
    expect(() => instance.restore!(foreign)).toThrow(QuadrantError);
    expect(() => instance.restore!(foreign)).toThrow("weighting state: it is 'relobralo' version 1, and this run weights with 'lr-annealing'");
  });
});

describe('relobralo', () => {
  it('with α = 0 gives m·softmax(L(t) / (T·L(t−1))): the term that fell least gains weight', () => {
    const instance = relobraloWeighting.create({ terms: ['residual', 'data'], seed: 3 }, { alpha: 0, temperature: 1, saudade: 1 });
    instance.update(step(0, [1, 1]));
    instance.update(step(1, [0.5, 1]));
    const [falling, flat] = instance.factors() as [number, number];
    // softmax(0.5, 1) = (1, e^0.5) / (1 + e^0.5), times m = 2.
    expect(falling).toBeCloseTo(2 / (1 + Math.exp(0.5)), 12);
    expect(flat).toBeCloseTo((2 * Math.exp(0.5)) / (1 + Math.exp(0.5)), 12);
  });

  it('stays finite when a term reaches exactly 0 and then moves again', () => {
    const instance = relobraloWeighting.create({ terms: ['residual', 'initial-condition'], seed: 2 }, relobraloWeightingOptions.parse({}));
    [
      [1e-5, 1e-11],
      [1e-5, 0],
      [1e-5, 2.6e-12],
      [1e-5, 1e-13],
    ].forEach((values, epoch) => {
      instance.update(step(epoch, values));
      expect(instance.factors().every((factor) => Number.isFinite(factor) && factor > 0)).toBe(true);
    });
  });

  it('draws its lookback from the run seed: one seed, one sequence of factors', () => {
    const run = (seed: number) => {
      const instance = relobraloWeighting.create({ terms: ['residual', 'data'], seed }, { alpha: 0.5, temperature: 0.1, saudade: 0.5 });
      return Array.from({ length: 30 }, (_, epoch) => {
        instance.update(step(epoch, [Math.exp(-epoch / 3), 1 / (1 + epoch)]));
        return instance.factors()[0]!;
      });
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});

describe('softadapt', () => {
  it('gives the term that falls slowest the larger factor; the factors sum to the number of terms', () => {
    const instance = softadaptWeighting.create({ terms: ['residual', 'data'], seed: 0 }, { beta: 10, every: 1, lossWeighted: false });
    instance.update(step(0, [1, 1]));
    instance.update(step(1, [0.2, 0.9]));
    const [fast, slow] = instance.factors() as [number, number];
    expect(slow).toBeGreaterThan(fast);
    expect(fast + slow).toBeCloseTo(2, 12);
    // s = (−0.8, −0.1) / 0.9; factors = 2·softmax(β·s).
    const exponent = (10 * 0.7) / 0.9;
    expect(slow).toBeCloseTo((2 * Math.exp(exponent)) / (1 + Math.exp(exponent)), 10);
  });
});
