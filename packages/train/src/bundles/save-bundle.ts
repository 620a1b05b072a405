import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseProblem, problemToFile } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';
import { z } from 'zod';
import { selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from '../model/build-network.ts';
import { checkArtefact } from '../model/check-artefact.ts';
import { loadWeights, readJson, trainingFileSchema, variableWeights } from '../model/load-model.ts';
import { modelFiles, modelFormatVersion, savedWeights, type TrainingRecord } from '../model/save-model.ts';
import type { Registry } from '../registry/registry.ts';
import { trainingSettingsSchema } from '../settings/training-settings-schema.ts';
import { bundleBox } from './bundle-box.ts';
import { type BundleModel, createBundleModel } from './bundle-model.ts';

const bundleFileSchema = z.object({
  format: z.literal(modelFormatVersion),
  problem: z.unknown(),
  settings: trainingSettingsSchema,
  unknowns: z.array(z.string()),
  bundle: z.strictObject({
    box: z.array(z.strictObject({ name: z.string(), kind: z.enum(['parameter', 'initial']), range: z.tuple([z.number(), z.number()]) })).min(1),
  }),
});

/**
 * Writes a trained bundle to `dir` in the files of a saved model: `model.json` (format, the
 * problem with its ranges, the settings, the unknowns and `bundle.box`, the ranges in the
 * order of the network's inputs), `weights.json` (the variables in float64) and `training.json`
 * (no checkpoint; with `run`, its status, iterations and loss history). Like `saveModel` it
 * writes beside `dir` and renames into place, and refuses a folder holding anything else.
 * @throws QuadrantError `INPUT_INVALID` when `dir` is a file or holds files other than a model's
 */
export async function saveBundle(model: BundleModel, dir: string, run?: TrainingRecord): Promise<void> {
  const target = resolve(dir);
  const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new QuadrantError('INPUT_INVALID', `${target}: is a file, not a folder to save a model into`);
    throw error;
  });
  const foreign = existing.filter((name) => !(modelFiles as readonly string[]).includes(name));
  if (foreign.length > 0) {
    throw new QuadrantError(
      'INPUT_INVALID',
      `${target}: holds ${foreign.slice(0, 3).join(', ')} besides a model, which saving would delete; save into a new or empty folder`,
    );
  }
  const description = {
    format: modelFormatVersion,
    problem: problemToFile(model.problem),
    settings: model.settings,
    architecture: { name: model.settings.architecture.name, options: model.settings.architecture.options },
    shape: model.network.shape,
    unknowns: model.unknowns,
    bundle: { box: model.box },
  };
  const training = {
    checkpoint: null,
    run:
      run === undefined ? null : { status: run.status, ...(run.reason === undefined ? {} : { reason: run.reason }), epochs: run.epochs, history: run.history },
  };
  const staging = join(dirname(target), `${basename(target)}.saving-${process.pid}-${randomUUID().slice(0, 8)}`);
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'model.json'), `${JSON.stringify(description, null, 2)}\n`);
    await writeFile(join(staging, 'weights.json'), `${JSON.stringify([savedWeights(model.network)])}\n`);
    await writeFile(join(staging, 'training.json'), `${JSON.stringify(training)}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Reads a bundle written by `saveBundle`: rebuilds its network through the registry (the
 * same architecture, options, seed and trial solution over the box) and loads its weights.
 * @throws QuadrantError `ARTEFACT_INVALID` for missing, damaged or malformed files, a model
 *   that is not a bundle, a box that differs from its problem's ranges, or weights that do not
 *   fit; `PROBLEM_INVALID`, `OPTIONS_INVALID`, `NO_SUCH_ENTRY` for what the registry cannot build
 */
export async function loadBundle(dir: string, registry: Registry): Promise<BundleModel> {
  await selectBackend();
  const modelPath = join(dir, 'model.json');
  const weightsPath = join(dir, 'weights.json');
  const raw = await readJson(modelPath);
  if (typeof raw === 'object' && raw !== null && !('bundle' in raw)) {
    throw new QuadrantError('ARTEFACT_INVALID', `${modelPath}: not a bundle (no bundle.box); it was trained for one value of each parameter, without ranges`);
  }
  const description = checkArtefact(bundleFileSchema, raw, modelPath);
  checkArtefact(trainingFileSchema, await readJson(join(dir, 'training.json')), join(dir, 'training.json'));
  const problem = parseProblem(description.problem, `${modelPath}: problem`);
  const box = bundleBox(problem);
  if (JSON.stringify(box) !== JSON.stringify(description.bundle.box)) {
    throw new QuadrantError('ARTEFACT_INVALID', `${modelPath}: bundle.box does not match the ranges of its problem; the file was edited or damaged`);
  }
  const weights = checkArtefact(z.array(variableWeights).length(1), await readJson(weightsPath), weightsPath);
  const network = buildNetwork(problem, description.settings, registry, box);
  const path = network.float64;
  try {
    if (path === undefined)
      throw new QuadrantError('ARTEFACT_INVALID', `${modelPath}: '${description.settings.architecture.name}' has no float64 path for ${1 + box.length} inputs`);
    loadWeights(network, weights[0]!, weightsPath, `the ${description.settings.architecture.name} bundle of ${modelPath}`);
  } catch (error) {
    network.dispose();
    throw error;
  }
  return createBundleModel(problem, box, description.settings, { ...network, float64: path });
}
