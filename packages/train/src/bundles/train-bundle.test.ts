import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProblem } from '@quadrant/equations';
import { QuadrantError, seededRandom } from '@quadrant/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.ts';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { boxPoint, bundleBox } from './bundle-box.ts';
import { bundleErrors } from './bundle-errors.ts';
import type { BundleModel } from './bundle-model.ts';
import { fitBundleParameters } from './fit-bundle-parameters.ts';
import { loadBundle, saveBundle } from './save-bundle.ts';
import { trainBundle } from './train-bundle.ts';

const settings = () => resolveSettings('bundle', {}, defaultRegistry, 'test');
const evenly = (start: number, end: number, count: number) => Float64Array.from({ length: count }, (_, i) => start + ((end - start) * i) / (count - 1));

// Ten samples of y = exp(−1.3 t) with 1 % multiplicative noise from a fixed seed: the inverse problem's data.
const noise = seededRandom(7);
const sampleT = Array.from({ length: 10 }, (_, i) => 0.5 * (i + 1));
const sampleY = sampleT.map((t) => Math.exp(-1.3 * t) * (1 + 0.01 * noise.normal()));

const decay = parseProblem(
  {
    name: 'decay-bundle',
    parameters: { k: { range: [0.5, 2], learn: true, guess: 1, value: 1.3 } },
    equations: { "y'": '-k*y' },
    initial: { y: 1 },
    domain: [0, 5],
    data: { t: sampleT, y: sampleY },
  },
  'decay-bundle.json',
);

describe('a bundle of exponential decay, k in [0.5, 2]', () => {
  let model: BundleModel;
  beforeAll(async () => {
    model = (await trainBundle(decay, settings(), defaultRegistry)).model;
  });
  afterAll(() => model.dispose());

  it('solves for every k: worst relative L2 over 11 values of k at most 1e-3 against odex', () => {
    const errors = bundleErrors(model, evenly(0, 5, 201), 11);
    expect(errors.points).toHaveLength(11);
    expect(errors.worst).toBeLessThanOrEqual(1e-3);
    expect(errors.median).toBeLessThanOrEqual(errors.worst);
  });

  it('learns k = 1.3 from 10 noisy samples within 2 % with the bundle frozen', () => {
    const fit = fitBundleParameters(model);
    expect(Math.abs(fit.values.k! - 1.3) / 1.3).toBeLessThan(0.02);
  });

  it('saves and loads back to the same predictions; loadModel refuses it by name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quadrant-bundle-'));
    try {
      await saveBundle(model, join(dir, 'model'));
      const loaded = await loadBundle(join(dir, 'model'), defaultRegistry);
      const t = evenly(0, 5, 7);
      expect(Array.from(loaded.predict(t, [1.7]).y!)).toEqual(Array.from(model.predict(t, [1.7]).y!));
      loaded.dispose();
      await expect(loadModel(join(dir, 'model'), defaultRegistry)).rejects.toThrow(/holds a bundle/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a bundle of the harmonic oscillator, omega in [1, 3]', () => {
  it('solves for every omega: worst relative L2 over 11 values at most 1e-3 against odex', async () => {
    const oscillator = parseProblem(
      {
        name: 'oscillator-bundle',
        parameters: { omega: { range: [1, 3] } },
        equations: { "y''": '-omega^2*y' },
        initial: { y: 1, "y'": 0 },
        domain: [0, 6.283185307179586],
      },
      'oscillator-bundle.json',
    );
    const { model } = await trainBundle(oscillator, settings(), defaultRegistry);
    try {
      expect(bundleErrors(model, evenly(0, 6.283185307179586, 201), 11).worst).toBeLessThanOrEqual(1e-3);
    } finally {
      model.dispose();
    }
  });
});

describe('a bundle over an initial value', () => {
  it('meets y(0) = θ exactly for every θ of its range', async () => {
    const problem = parseProblem({ name: 'growth', equations: { "y'": '0.5*y' }, initial: { y: { range: [0.5, 1.5] } }, domain: [0, 1] }, 'growth.json');
    const small = resolveSettings(
      'bundle',
      { architecture: { name: 'random-features', options: { features: 48 } }, bundle: { points: 6 } },
      defaultRegistry,
      'test',
    );
    const { model } = await trainBundle(problem, small, defaultRegistry);
    try {
      for (const y0 of [0.5, 0.8, 1.5]) expect(model.predict(Float64Array.of(0), [y0]).y![0]).toBeCloseTo(y0, 12);
      expect(bundleErrors(model, evenly(0, 1, 51), 5).worst).toBeLessThan(1e-3);
    } finally {
      model.dispose();
    }
  });
});

describe('the box', () => {
  const box = bundleBox(decay);
  it('holds the ranges in order and fills unnamed axes with their middle', () => {
    expect(box).toEqual([{ name: 'k', kind: 'parameter', range: [0.5, 2] }]);
    expect(boxPoint(box, {}, '--set')).toEqual([1.25]);
  });
  it('refuses a value outside its range and an unknown name, naming where', () => {
    expect(() => boxPoint(box, { k: 2.5 }, '--set')).toThrow("--set: k = 2.5 is outside the bundle's range [0.5, 2]");
    expect(() => boxPoint(box, { kk: 1 }, '--set')).toThrow(/--set: 'kk' is not a range of the bundle \(did you mean 'k'\?\); ranges: k/);
    try {
      boxPoint(box, { k: 0 }, '--set');
    } catch (error) {
      expect(QuadrantError.hasCode(error, 'INPUT_INVALID')).toBe(true);
    }
  });
  it('refuses training a problem without ranges', async () => {
    const plain = parseProblem({ name: 'plain', parameters: { k: 1 }, equations: { "y'": '-k*y' }, initial: { y: 1 }, domain: [0, 1] }, 'plain.json');
    await expect(trainBundle(plain, settings(), defaultRegistry)).rejects.toThrow(/plain.json: no parameter or initial value is a range/);
  });
});
