import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exponentialDecay } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from '../training/train.ts';
import { loadModel } from './load-model.ts';
import { saveModel } from './save-model.ts';

// A save can be cut short at any write; this one fails the write of weights.json when asked to.
const failing = vi.hoisted(() => ({ weights: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    writeFile: (...args: Parameters<typeof actual.writeFile>) =>
      failing.weights && String(args[0]).endsWith('weights.json') ? Promise.reject(new Error('disk full')) : actual.writeFile(...args),
  };
});

const registry = defaultRegistry;
const t = Float64Array.from({ length: 5 }, (_, i) => i);
const trained = (hidden: number[]) =>
  train(
    exponentialDecay,
    resolveSettings(
      undefined,
      { epochs: 3, architecture: { options: { hidden } }, sampler: { name: 'grid', options: { points: 8 } }, optimisers: [{ name: 'adam', options: {} }] },
      registry,
    ),
    { registry },
  );

const base = await mkdtemp(join(tmpdir(), 'quadrant-save-'));
afterAll(() => rm(base, { recursive: true, force: true }));

describe('saveModel', () => {
  it('replaces a model at once: a save cut short or a staging folder left behind leaves the previous model loading', async () => {
    const dir = join(base, 'model');
    const first = await trained([4]);
    const second = await trained([6]);
    await saveModel(first.model, dir, first);
    failing.weights = true;
    await expect(saveModel(second.model, dir, second)).rejects.toThrow('disk full');
    failing.weights = false;
    expect((await readdir(base)).sort()).toEqual(['model']);
    const kept = await loadModel(dir, registry);
    expect(kept.predict(t)).toEqual(first.model.predict(t));
    kept.dispose();
    // A process killed mid-save leaves its staging folder beside the model, half written.
    await mkdir(`${dir}.saving-1234-deadbeef`);
    await writeFile(`${dir}.saving-1234-deadbeef/model.json`, '{"format": 4, "prob');
    const stillKept = await loadModel(dir, registry);
    expect(stillKept.predict(t)).toEqual(first.model.predict(t));
    stillKept.dispose();
    await saveModel(second.model, dir, second);
    const replaced = await loadModel(dir, registry);
    expect(replaced.predict(t)).toEqual(second.model.predict(t));
    replaced.dispose();
    first.model.dispose();
    second.model.dispose();
  });

  it('refuses to replace a folder that holds anything but a model', async () => {
    const dir = join(base, 'notes');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const result = await trained([4]);
    const error = await saveModel(result.model, dir).catch((caught: unknown) => caught);
    result.model.dispose();
    expect(QuadrantError.hasCode(error, 'INPUT_INVALID')).toBe(true);
    expect((error as Error).message).toBe(`${dir}: holds notes.txt besides a model, which saving would delete; save into a new or empty folder`);
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });
});
