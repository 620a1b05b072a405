import { parseProblem } from '@quadrant/equations';
import { type NetworkV1, QuadrantError } from '@quadrant/spec';
import { tensor, tidy } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { selectBackend } from '../backend/select-backend.ts';
import type { Registry } from '../registry/registry.ts';
import { trainingSettingsSchema } from '../settings/training-settings-schema.ts';
import { buildNetwork } from './build-network.ts';
import { checkArtefact } from './check-artefact.ts';
import { type modelFiles, modelFormatVersion } from './save-model.ts';
import { shapeMismatch } from './shape-mismatch.ts';
import { createTrainedModel, type ModelPiece, type TrainedModel } from './trained-model.ts';
import { trainingCheckpointSchema } from './training-checkpoint.ts';
import { windowProblem } from './window-problem.ts';

const modelFileSchema = z.object({
  format: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(modelFormatVersion)]),
  problem: z.unknown(),
  settings: trainingSettingsSchema,
  unknowns: z.array(z.string()),
  parameters: z.record(z.string(), z.number()),
  pieces: z
    .array(z.object({ start: z.number(), end: z.number(), initial: z.record(z.string(), z.array(z.number())) }))
    .min(1)
    .optional(),
});
export const variableWeights = z.array(z.object({ shape: z.array(z.int().nonnegative()), values: z.array(z.number()) }));
/** Versions 3 and 4: one list of variables per piece; versions 1 and 2: the one network's list. */
const weightsFileSchema = (format: number) => (format >= 3 ? z.array(variableWeights) : variableWeights.transform((variables) => [variables]));
/** `training.json` (version 4): the checkpoint, and the run that wrote it (status, epochs, history with null for non-finite losses). */
export const trainingFileSchema = z.strictObject({
  checkpoint: trainingCheckpointSchema.nullable(),
  run: z
    .strictObject({
      status: z.enum(['completed', 'stopped', 'diverged']),
      reason: z.string().optional(),
      epochs: z.int().nonnegative(),
      history: z.strictObject({ epoch: z.array(z.int()), total: z.array(z.number().nullable()), terms: z.record(z.string(), z.array(z.number().nullable())) }),
    })
    .nullable(),
});

/** The three documents of a saved model, read one by one, and how a message names each. */
export interface ModelSource {
  read(file: (typeof modelFiles)[number]): Promise<unknown>;
  where(file: (typeof modelFiles)[number]): string;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser quotes the text around the fault, line breaks included: one line for the message.
    const fault = (error as Error).message.replace(/\s+/g, ' ');
    throw new QuadrantError('ARTEFACT_INVALID', `${where}: not valid JSON (${fault}); the file is damaged or was cut short`, { cause: error });
  }
}

/** A folder (`saveModel`) or one `.json` file holding a `modelDocument`. */
export async function modelSource(path: string): Promise<ModelSource> {
  // Imported here rather than at the top, so the main entry also loads where there is no file system (a browser).
  const [{ readFile, stat }, { join }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  const readText = async (file: string, missing: string) => {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      const absent = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new QuadrantError('ARTEFACT_INVALID', `${file}: ${absent ? missing : `cannot read it (${(error as Error).message})`}`, { cause: error });
    }
  };
  const isFile = await stat(path).then(
    (found) => found.isFile(),
    () => false,
  );
  if (!isFile) {
    const missing = 'missing; a saved model folder holds model.json and weights.json (and training.json from format 4)';
    return { where: (file) => join(path, file), read: async (file) => parseJson(await readText(join(path, file), missing), join(path, file)) };
  }
  const document = parseJson(await readText(path, 'missing'), path);
  if (typeof document !== 'object' || document === null || !('model.json' in document) || !('weights.json' in document)) {
    throw new QuadrantError(
      'ARTEFACT_INVALID',
      `${path}: not a saved model; give a folder written by saveModel or a .json file holding "model.json" and "weights.json"`,
    );
  }
  const where = (file: string) => `${path}: ${file}`;
  return {
    where,
    read: async (file) => {
      if (!(file in document)) throw new QuadrantError('ARTEFACT_INVALID', `${where(file)}: missing from the saved model`);
      return (document as Record<string, unknown>)[file];
    },
  };
}

/**
 * Whether the model saved at `path` (a folder or one `.json` file) is a bundle, which `loadBundle`
 * reads, or a model of one problem, which `loadModel` reads.
 * @throws QuadrantError `ARTEFACT_INVALID` when it is missing or damaged
 */
export async function savedModelKind(path: string): Promise<'bundle' | 'model'> {
  const raw = await (await modelSource(path)).read('model.json');
  return typeof raw === 'object' && raw !== null && 'bundle' in raw ? 'bundle' : 'model';
}

/** A version 1 file predates `trialSolution`: its exact initial conditions used the factor t − t0. */
function fromVersion1(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { format, settings } = raw as { format?: unknown; settings?: unknown };
  if (format !== 1 || typeof settings !== 'object' || settings === null || 'trialSolution' in settings) return raw;
  return { ...raw, settings: { ...settings, trialSolution: { factor: 'polynomial' } } };
}

/**
 * Reads a model written by `saveModel` (this version or versions 1 to 3), from its folder or
 * from one `.json` file holding a `modelDocument` (what the playground downloads): rebuilds each
 * piece's network through the registry (the same architecture, options, seed and
 * initial-condition transform over the piece's window), loads its weights and, from version 4,
 * the checkpoint to continue training from (`train`'s `initialModel`).
 * @throws QuadrantError `ARTEFACT_INVALID` for missing, damaged or malformed files, a format
 *   newer than this release, or weights that do not fit the network; `PROBLEM_INVALID`,
 *   `OPTIONS_INVALID` or `NO_SUCH_ENTRY` for a problem or settings the registry cannot build
 */
export async function loadModel(path: string, registry: Registry): Promise<TrainedModel> {
  // It makes tensors, so like train() it starts the backend first.
  await selectBackend();
  const source = await modelSource(path);
  const modelPath = source.where('model.json');
  const weightsPath = source.where('weights.json');
  const trainingPath = source.where('training.json');
  const raw = fromVersion1(await source.read('model.json'));
  if (typeof raw === 'object' && raw !== null && 'bundle' in raw) {
    throw new QuadrantError(
      'ARTEFACT_INVALID',
      `${modelPath}: holds a bundle (a model of t and parameter ranges); read it with loadBundle, or evaluate it with quadrant predict`,
    );
  }
  const format = typeof raw === 'object' && raw !== null ? (raw as { format?: unknown }).format : undefined;
  if (typeof format === 'number' && format > modelFormatVersion) {
    throw new QuadrantError(
      'ARTEFACT_INVALID',
      `${modelPath}: format ${format} is newer than this release reads (1 to ${modelFormatVersion}); load it with a newer @quadrant/train`,
    );
  }
  const description = checkArtefact(modelFileSchema, raw, modelPath);
  const problem = parseProblem(description.problem, `${modelPath}: problem`);
  const windows = description.pieces ?? [{ start: problem.domain[0], end: problem.domain[1], initial: problem.initial }];
  const perPiece = checkArtefact(weightsFileSchema(description.format), await source.read('weights.json'), weightsPath);
  if (perPiece.length !== windows.length) {
    throw new QuadrantError('ARTEFACT_INVALID', `${weightsPath}: holds weights for ${perPiece.length} networks, but ${modelPath} has ${windows.length} pieces`);
  }
  const training = description.format === modelFormatVersion ? checkArtefact(trainingFileSchema, await source.read('training.json'), trainingPath) : undefined;
  const pieces: ModelPiece[] = [];
  try {
    windows.forEach((window, index) => {
      const network = buildNetwork(windowProblem(problem, window), description.settings, registry);
      pieces.push({ ...window, network });
      loadWeights(
        network,
        perPiece[index]!,
        `${weightsPath}${windows.length === 1 ? '' : `: piece ${index}`}`,
        `the ${description.settings.architecture.name} network of ${modelPath}`,
      );
    });
  } catch (error) {
    for (const piece of pieces) piece.network.dispose();
    throw error;
  }
  const checkpoint = training?.checkpoint ?? undefined;
  return createTrainedModel({
    pieces,
    problem,
    settings: description.settings,
    parameters: description.parameters,
    ...(checkpoint === undefined ? {} : { checkpoint: { ...checkpoint, source: `${trainingPath}: checkpoint` } }),
  });
}

/** Loads saved variables into a network (through its float64 path where it has one, keeping float64 precision). */
export function loadWeights(network: NetworkV1, weights: z.output<typeof variableWeights>, where: string, target: string): void {
  const shortVariable = weights.findIndex((saved) => saved.values.length !== saved.shape.reduce((product, each) => product * each, 1));
  const mismatch =
    shapeMismatch(
      weights.map((saved) => saved.shape),
      network.variables,
      'the saved weights',
    ) ??
    (shortVariable < 0
      ? undefined
      : `variable ${shortVariable} saved as [${weights[shortVariable]!.shape.join(', ')}] with ${weights[shortVariable]!.values.length} values`);
  if (mismatch !== undefined) throw new QuadrantError('ARTEFACT_INVALID', `${where}: does not fit ${target}: ${mismatch}`);
  if (network.float64 !== undefined) {
    network.float64.write(Float64Array.from(weights.flatMap((saved) => saved.values)));
    return;
  }
  tidy(() => {
    network.variables.forEach((variable, i) => {
      variable.assign(tensor(Float32Array.from(weights[i]!.values), variable.shape));
    });
  });
}
