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
import { modelDocument, saveModel } from './save-model.ts';

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

describe('modelDocument', () => {
  it('written as one .json file, loads as the saved folder does: same predictions, same checkpoint', async () => {
    const result = await trained([5]);
    const folder = join(base, 'folder-form');
    const file = join(base, 'one-file.json');
    await saveModel(result.model, folder, result);
    await writeFile(file, JSON.stringify(modelDocument(result.model, result)));
    const fromFolder = await loadModel(folder, registry);
    const fromFile = await loadModel(file, registry);
    expect(fromFile.predict(t)).toEqual(fromFolder.predict(t));
    expect(fromFile.predict(t)).toEqual(result.model.predict(t));
    expect(fromFile.checkpoint?.epoch).toBe(fromFolder.checkpoint?.epoch);
    for (const model of [fromFolder, fromFile, result.model]) model.dispose();
  });

  it('refuses a .json file that is not a saved model, and one whose part is malformed, naming the file and the part', async () => {
    const notModel = join(base, 'not-a-model.json');
    await writeFile(notModel, '{"name": "exponential-decay"}');
    const refused = await loadModel(notModel, registry).catch((caught: unknown) => caught);
    expect(QuadrantError.hasCode(refused, 'ARTEFACT_INVALID')).toBe(true);
    expect((refused as Error).message).toBe(
      `${notModel}: not a saved model; give a folder written by saveModel or a .json file holding "model.json" and "weights.json"`,
    );
    const result = await trained([4]);
    const document = modelDocument(result.model, result);
    result.model.dispose();
    const shortWeights = join(base, 'short-weights.json');
    await writeFile(shortWeights, JSON.stringify({ ...document, 'weights.json': [[{ shape: [1, 4], values: [1] }]] }));
    const malformed = await loadModel(shortWeights, registry).catch((caught: unknown) => caught);
    expect(QuadrantError.hasCode(malformed, 'ARTEFACT_INVALID')).toBe(true);
    expect((malformed as Error).message).toMatch(new RegExp(`^${shortWeights.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: weights\\.json: `));
  });
});
