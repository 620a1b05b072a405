import { parseProblem, problemToFile } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';
import { z } from 'zod';
import { selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from '../model/build-network.ts';
import { checkArtefact } from '../model/check-artefact.ts';
import { loadWeights, modelSource, trainingFileSchema, variableWeights } from '../model/load-model.ts';
import { modelFormatVersion, savedWeights, type TrainingRecord, trainingRun, writeModelDocument } from '../model/save-model.ts';
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
  await writeModelDocument(
    {
      'model.json': {
        format: modelFormatVersion,
        problem: problemToFile(model.problem),
        settings: model.settings,
        architecture: { name: model.settings.architecture.name, options: model.settings.architecture.options },
        shape: model.network.shape,
        unknowns: model.unknowns,
        bundle: { box: model.box },
      },
      'weights.json': [savedWeights(model.network)],
      'training.json': { checkpoint: null, run: trainingRun(run) },
    },
    dir,
  );
}

/**
 * Reads a bundle written by `saveBundle` (its folder, or one `.json` file as `loadModel` reads): rebuilds its network through the registry (the
 * same architecture, options, seed and trial solution over the box) and loads its weights.
 * @throws QuadrantError `ARTEFACT_INVALID` for missing, damaged or malformed files, a model
 *   that is not a bundle, a box that differs from its problem's ranges, or weights that do not
 *   fit; `PROBLEM_INVALID`, `OPTIONS_INVALID`, `NO_SUCH_ENTRY` for what the registry cannot build
 */
export async function loadBundle(dir: string, registry: Registry): Promise<BundleModel> {
  await selectBackend();
  const source = await modelSource(dir);
  const modelPath = source.where('model.json');
  const weightsPath = source.where('weights.json');
  const raw = await source.read('model.json');
  if (typeof raw === 'object' && raw !== null && !('bundle' in raw)) {
    throw new QuadrantError('ARTEFACT_INVALID', `${modelPath}: not a bundle (no bundle.box); it was trained for one value of each parameter, without ranges`);
  }
  const description = checkArtefact(bundleFileSchema, raw, modelPath);
  checkArtefact(trainingFileSchema, await source.read('training.json'), source.where('training.json'));
  const problem = parseProblem(description.problem, `${modelPath}: problem`);
  const box = bundleBox(problem);
  if (JSON.stringify(box) !== JSON.stringify(description.bundle.box)) {
    throw new QuadrantError('ARTEFACT_INVALID', `${modelPath}: bundle.box does not match the ranges of its problem; the file was edited or damaged`);
  }
  const weights = checkArtefact(z.array(variableWeights).length(1), await source.read('weights.json'), weightsPath);
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
