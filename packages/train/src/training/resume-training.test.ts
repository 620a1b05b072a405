import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exponentialDecay } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.ts';
import { saveModel, savedWeights } from '../model/save-model.ts';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from './train.ts';

const registry = defaultRegistry;
const folders: string[] = [];
afterAll(async () => {
  for (const each of folders) await rm(each, { recursive: true, force: true });
});
const folder = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'quadrant-resume-'));
  folders.push(dir);
  return join(dir, 'model');
};

/** Settings of `epochs` epochs over a small network: the optimiser phases and sampler under test. */
const settingsOf = (epochs: number, optimisers: object[], sampler: object, extra: object = {}) =>
  resolveSettings(undefined, { epochs, initialCondition: 'exact', architecture: { options: { hidden: [8] } }, sampler, optimisers, ...extra }, registry);

/** Trains `epochs`, saves, loads and trains `epochs` more; returns both weights and the uninterrupted run's of 2·epochs. */
async function interrupted(epochs: number, optimisers: object[], sampler: object, extra: object = {}) {
  const first = await train(exponentialDecay, settingsOf(epochs, optimisers, sampler, extra), { registry });
  const dir = await folder();
  await saveModel(first.model, dir, first);
  first.model.dispose();
  const saved = await loadModel(dir, registry);
  const resumed = await train(exponentialDecay, settingsOf(epochs, optimisers, sampler, extra), { registry, initialModel: saved });
  saved.dispose();
  const whole = await train(exponentialDecay, settingsOf(2 * epochs, optimisers, sampler, extra), { registry });
  const weights = { resumed: savedWeights(resumed.model.pieces[0]!.network), whole: savedWeights(whole.model.pieces[0]!.network) };
  const outcome = { resumed: [resumed.status, resumed.epochs, resumed.history.epoch.at(-1)], whole: [whole.status, whole.epochs, whole.history.epoch.at(-1)] };
  resumed.model.dispose();
  whole.model.dispose();
  return { ...weights, outcome, dir };
}

describe('continuing training from a saved model', () => {
  it('adam with a learning-rate schedule on a jittered grid: 150 epochs, saved, loaded and 150 more give the weights of 300 bit for bit', async () => {
    const { resumed, whole, outcome } = await interrupted(
      150,
      [{ name: 'adam', options: { learningRate: 1e-2, schedule: { kind: 'exponential', decayRate: 0.5, decaySteps: 100 } } }],
      { name: 'jittered-grid', options: { points: 24, sigma: 0.05 } },
    );
    expect(resumed).toEqual(whole);
    expect(outcome.resumed).toEqual(['completed', 150, 299]);
  });

  it('sgd with momentum on uniform points continues bit for bit', async () => {
    const { resumed, whole } = await interrupted(100, [{ name: 'sgd', options: { learningRate: 1e-2, momentum: 0.9 } }], {
      name: 'uniform',
      options: { points: 24 },
    });
    expect(resumed).toEqual(whole);
  });

  it('adam then lbfgs, saved inside the lbfgs phase, continues its curvature history bit for bit', async () => {
    const { resumed, whole, dir } = await interrupted(
      60,
      [
        { name: 'adam', epochs: 40, options: { learningRate: 1e-2 } },
        { name: 'lbfgs', options: { history: 10 } },
      ],
      { name: 'grid', options: { points: 24 } },
    );
    expect(resumed).toEqual(whole);
    const training = JSON.parse(await readFile(join(dir, 'training.json'), 'utf8'));
    expect(training.checkpoint).toMatchObject({ epoch: 60, phase: 1, phaseStart: 40, optimiser: { optimiser: 'lbfgs', version: 1 } });
    expect(training.checkpoint.optimiser.data.steps.length).toBeGreaterThan(0);
  });

  it.each(['lr-annealing', 'relobralo', 'softadapt'])('the %s weighting continues bit for bit: its state travels in training.json', async (weighting) => {
    const { resumed, whole, dir } = await interrupted(
      45,
      [{ name: 'adam', options: { learningRate: 1e-2 } }],
      { name: 'grid', options: { points: 16 } },
      {
        initialCondition: 'soft',
        weighting: { name: weighting, options: weighting === 'relobralo' ? { saudade: 0.5 } : {} },
      },
    );
    expect(resumed).toEqual(whole);
    const training = JSON.parse(await readFile(join(dir, 'training.json'), 'utf8'));
    expect(training.checkpoint.weighting).toMatchObject({ weighting, version: 1, data: { terms: 2 } });
    expect(training.checkpoint.weighting.data.factors).not.toEqual([1, 1]);
  });

  it('refuses an optimiser state that does not fit the settings, naming the file and what differs', async () => {
    const adam = [{ name: 'adam', options: {} }];
    const grid = { name: 'grid', options: { points: 16 } };
    const first = await train(exponentialDecay, settingsOf(5, adam, grid), { registry });
    const dir = await folder();
    await saveModel(first.model, dir, first);
    first.model.dispose();
    const attempt = async (settings: ReturnType<typeof settingsOf>) => {
      const saved = await loadModel(dir, registry);
      try {
        await train(exponentialDecay, settings, { registry, initialModel: saved });
        return undefined;
      } catch (error) {
        return error;
      } finally {
        saved.dispose();
      }
    };
    const other = await attempt(settingsOf(5, [{ name: 'sgd', options: {} }], grid));
    expect(QuadrantError.hasCode(other, 'ARTEFACT_INVALID')).toBe(true);
    expect((other as Error).message).toBe(
      `${join(dir, 'training.json')}: checkpoint: optimiser phase 0 (sgd): the state of optimiser 'adam' cannot continue 'sgd'`,
    );
    const path = join(dir, 'training.json');
    const training = JSON.parse(await readFile(path, 'utf8'));
    training.checkpoint.optimiser.version = 7;
    await writeFile(path, JSON.stringify(training));
    const newer = await attempt(settingsOf(5, adam, grid));
    expect((newer as Error).message).toContain('adam state version 7 is not the one this release reads (1)');
    training.checkpoint.optimiser.version = 1;
    training.checkpoint.optimiser.data.firstMoments.pop();
    await writeFile(path, JSON.stringify(training));
    const short = await attempt(settingsOf(5, adam, grid));
    expect((short as Error).message).toContain('adam state: firstMoments: 3 variables saved, 4 optimised');
  });
});
