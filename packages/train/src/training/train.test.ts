import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineProblem, exponentialDecay, harmonicOscillator } from '@quadrant/equations';
import { defineArchitecture, definePlugin, QuadrantError, seededRandom } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadModel } from '../model/load-model.ts';
import { saveModel } from '../model/save-model.ts';
import { defaultRegistry } from '../registry/default-registry.ts';
import { createRegistry } from '../registry/registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from './train.ts';

const registry = defaultRegistry;
const small = (overrides: object, within = registry) =>
  resolveSettings(
    undefined,
    mergeDeep(
      {
        epochs: 200,
        architecture: { options: { hidden: [8] } },
        sampler: { name: 'grid', options: { points: 16 } },
        optimisers: [{ name: 'adam', options: { learningRate: 1e-2 } }],
      },
      overrides,
    ),
    within,
  );
const mergeDeep = (a: object, b: object): object => ({ ...a, ...b });
const t = Float64Array.from({ length: 11 }, (_, i) => i / 2);

async function expectQuadrantError(promise: Promise<unknown>, code: string, text: string): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  expect(QuadrantError.isInstance(error) && error.code).toBe(code);
  expect((error as Error).message).toContain(text);
}

describe('train', () => {
  it('gives identical predictions for the same seed and different ones for another seed', async () => {
    const run = async (seed: number) => {
      const result = await train(exponentialDecay, small({ seed, sampler: { name: 'jittered-grid', options: { points: 16 } } }), { registry });
      const y = result.model.predict(t).y!;
      result.model.dispose();
      return Array.from(y);
    };
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(await run(4)).not.toEqual(first);
  });

  it('stops with status diverged, the epoch and the term, and restores finite weights', async () => {
    const result = await train(exponentialDecay, small({ optimisers: [{ name: 'sgd', options: { learningRate: 1e6 } }] }), { registry });
    expect(result.status).toBe('diverged');
    expect(result.reason).toMatch(/^diverged at epoch \d+ \((loss term '[a-z-]+' is (NaN|Infinity)(, first at t = [-\d.e+]+)?|total loss is .*)\)$/);
    expect(result.epochs).toBeLessThan(200);
    expect(Array.from(result.model.predict(t).y!).every(Number.isFinite)).toBe(true);
    result.model.dispose();
  });

  it('refuses the data term without data, and an architecture whose jets stop below the order', async () => {
    await expectQuadrantError(train(exponentialDecay, small({ losses: { data: {} } }), { registry }), 'CONFIG_INVALID', "the 'data' term needs observations");
    const valuesOnly = defineArchitecture({
      name: 'values-only',
      description: 'no input derivatives',
      options: z.object({}),
      jetOrder: 0,
      build: () => {
        throw new Error('not reached');
      },
    });
    const withIt = createRegistry({ extends: defaultRegistry, plugins: [definePlugin({ name: 'test', architectures: [valuesOnly] })] });
    await expectQuadrantError(
      train(harmonicOscillator, small({ architecture: { name: 'values-only' } }, withIt), { registry: withIt }),
      'JETS_UNSUPPORTED',
      "architecture 'values-only' gives input derivatives up to order 0, but problem 'harmonic-oscillator' has equations of order 2",
    );
  });

  it('stops when onEpoch asks, and when the loss falls below stop.lossBelow', async () => {
    const asked = await train(exponentialDecay, small({}), { registry, callbacks: { onEpoch: ({ epoch }) => (epoch === 4 ? 'stop' : undefined) } });
    expect([asked.status, asked.epochs]).toEqual(['stopped', 5]);
    asked.model.dispose();
    const low = await train(exponentialDecay, small({ epochs: 2000, stop: { lossBelow: 1e-2 } }), { registry });
    expect(low.status).toBe('stopped');
    expect(low.reason).toContain('below 0.01');
    expect(low.history.total.at(-1)!).toBeLessThan(1e-2);
    low.model.dispose();
  });

  it('saves and loads a model whose predictions and residuals are equal', async () => {
    const result = await train(harmonicOscillator, small({ initialCondition: 'exact' }), { registry });
    const dir = await mkdtemp(join(tmpdir(), 'quadrant-model-'));
    try {
      await saveModel(result.model, dir);
      const loaded = await loadModel(dir, registry);
      expect(loaded.predict(t)).toEqual(result.model.predict(t));
      expect(loaded.residual(t)).toEqual(result.model.residual(t));
      expect(loaded.unknowns).toEqual(['y']);
      loaded.dispose();
    } finally {
      result.model.dispose();
      await rm(dir, { recursive: true });
    }
  });

  it('loads a version 1 model file with the trial factor of its day, t − t0', async () => {
    const result = await train(harmonicOscillator, small({ initialCondition: 'exact', trialSolution: { factor: 'polynomial' } }), { registry });
    const dir = await mkdtemp(join(tmpdir(), 'quadrant-model-'));
    try {
      await saveModel(result.model, dir);
      const path = join(dir, 'model.json');
      const file = JSON.parse(await readFile(path, 'utf8'));
      delete file.settings.trialSolution;
      delete file.pieces;
      await writeFile(path, JSON.stringify({ ...file, format: 1 }));
      // Version 1 kept the one network's variables as the whole file.
      const weightsPath = join(dir, 'weights.json');
      await writeFile(weightsPath, JSON.stringify(JSON.parse(await readFile(weightsPath, 'utf8'))[0]));
      const loaded = await loadModel(dir, registry);
      expect(loaded.settings.trialSolution.factor).toBe('polynomial');
      expect(loaded.predict(t)).toEqual(result.model.predict(t));
      loaded.dispose();
    } finally {
      result.model.dispose();
      await rm(dir, { recursive: true });
    }
  });

  it('continues from a saved model: the resumed run starts at its loss and improves on it', async () => {
    const settings = small({ initialCondition: 'exact', logEvery: 1 });
    const first = await train(harmonicOscillator, settings, { registry });
    const dir = await mkdtemp(join(tmpdir(), 'quadrant-model-'));
    try {
      await saveModel(first.model, dir);
      const saved = await loadModel(dir, registry);
      const resumed = await train(harmonicOscillator, settings, { registry, initialModel: saved });
      // The grid is the same every epoch, so the resumed run's first loss is the saved model's loss.
      const lastLoss = first.history.total.at(-1)!;
      expect(resumed.history.total[0]).toBeLessThan(2 * lastLoss);
      expect(resumed.history.total.at(-1)!).toBeLessThan(lastLoss);
      await expectQuadrantError(
        train(harmonicOscillator, small({ architecture: { options: { hidden: [9] } } }), { registry, initialModel: saved }),
        'CONFIG_INVALID',
        'does not fit',
      );
      resumed.model.dispose();
      saved.dispose();
    } finally {
      first.model.dispose();
      await rm(dir, { recursive: true });
    }
  });

  it('with the pinn preset, recovers a decay rate from 10 noisy samples within 2%', async () => {
    const random = seededRandom(7);
    const times = Array.from({ length: 10 }, (_, i) => 0.5 * i);
    const samples = times.map((each) => Math.exp(-each) * (1 + 0.01 * random.normal()));
    const inverse = defineProblem({ ...exponentialDecayFile, name: 'decay-inverse', parameters: { k: { value: 1, guess: 0.5, learn: true } } });
    const result = await train(inverse, resolveSettings('pinn', {}, registry), {
      registry,
      data: { t: Float64Array.from(times), values: { y: Float64Array.from(samples) } },
    });
    console.log(
      `inverse: k = ${result.learnedParameters.k} in ${result.seconds.toFixed(2)} s (${result.epochs} epochs, ${result.status} ${result.reason ?? ''})`,
    );
    expect(Math.abs(result.learnedParameters.k! - 1)).toBeLessThan(0.02);
    expect(result.model.parameters.k).toBe(result.learnedParameters.k);
    result.model.dispose();
  });
});

const exponentialDecayFile = {
  name: exponentialDecay.name,
  description: exponentialDecay.description,
  equations: { "y'": '-k*y' },
  initial: { y: 1 },
  domain: [0, 5] as [number, number],
};
