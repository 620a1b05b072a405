import { exponentialDecay } from '@quadrant/equations';
import { definePlugin, defineWeighting, type WeightingStepV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { savedWeights } from '../model/save-model.ts';
import { defaultRegistry } from '../registry/default-registry.ts';
import { createRegistry } from '../registry/registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from './train.ts';

/** A plug-in scheme that records what training hands it and weights the terms 2 and 0.5 from the first update on. */
function recordingWeighting() {
  const steps: { epoch: number; values: readonly number[]; statistics?: readonly { max: number; mean: number }[] }[] = [];
  const weighting = defineWeighting({
    name: 'recording',
    description: 'records its steps; factors 2 and 0.5',
    options: z.strictObject({}),
    create({ terms }) {
      let factors = terms.map(() => 1);
      return {
        factors: () => factors,
        update(step: WeightingStepV1) {
          steps.push({ epoch: step.epoch, values: step.values, ...(step.epoch === 4 ? { statistics: step.gradientStatistics() } : {}) });
          factors = terms.map((_, i) => (i === 0 ? 2 : 0.5));
        },
      };
    },
  });
  return { weighting, steps };
}

const settingsOf = (registry: typeof defaultRegistry, weighting: string) =>
  resolveSettings(
    undefined,
    {
      epochs: 20,
      logEvery: 1,
      initialCondition: 'soft',
      architecture: { options: { hidden: [8] } },
      sampler: { name: 'grid', options: { points: 16 } },
      optimisers: [{ name: 'adam', options: { learningRate: 1e-2 } }],
      weighting: { name: weighting },
    },
    registry,
  );

describe('a weighting plugged into training', () => {
  it("is updated after every epoch with the terms' values, weights the terms, and the history keeps the terms' own weights", async () => {
    const { weighting, steps } = recordingWeighting();
    const registry = createRegistry({ extends: defaultRegistry, plugins: [definePlugin({ name: 'test', weightings: [weighting] })] });
    const weighted = await train(exponentialDecay, settingsOf(registry, 'recording'), { registry });
    const fixed = await train(exponentialDecay, settingsOf(registry, 'fixed'), { registry });

    expect(steps.map((step) => step.epoch)).toEqual(Array.from({ length: 20 }, (_, epoch) => epoch));
    const names = Object.keys(weighted.history.terms);
    expect(names).toEqual(['residual', 'initial-condition']);
    steps.forEach((step, epoch) => {
      names.forEach((name, i) => {
        expect(step.values[i]).toBeCloseTo(weighted.history.terms[name]![epoch]!, 6);
      });
      // Σ own weight (1) · term, not Σ factor · term.
      expect(weighted.history.total[epoch]).toBeCloseTo(step.values[0]! + step.values[1]!, 5);
    });
    const statistics = steps[4]!.statistics!;
    expect(statistics).toHaveLength(2);
    for (const each of statistics) {
      expect(each.mean).toBeGreaterThan(0);
      expect(each.max).toBeGreaterThanOrEqual(each.mean);
    }
    // The first epoch is weighted alike; after it the factors change the steps.
    expect(weighted.history.total[0]).toBe(fixed.history.total[0]);
    expect(savedWeights(weighted.model.pieces[0]!.network)).not.toEqual(savedWeights(fixed.model.pieces[0]!.network));
    weighted.model.dispose();
    fixed.model.dispose();
  });

  it('refuses a scheme no plugin registered, naming the field and those there are', async () => {
    expect(() => settingsOf(defaultRegistry, 'gradnorm')).not.toThrow();
    await expect(train(exponentialDecay, settingsOf(defaultRegistry, 'gradnorm'), { registry: defaultRegistry })).rejects.toThrow(
      "no such weighting 'gradnorm'; available: fixed, lr-annealing, relobralo, softadapt",
    );
  });
});
