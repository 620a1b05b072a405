import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseProblem } from '@quadrant/equations';
import { type NetworkV1, QuadrantError } from '@quadrant/spec';
import { tensor, tidy } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Registry } from '../registry/registry.ts';
import { trainingSettingsSchema } from '../settings/training-settings-schema.ts';
import { selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from './build-network.ts';
import { shapeMismatch } from './shape-mismatch.ts';
import { modelFormatVersion } from './save-model.ts';
import { createTrainedModel, type ModelPiece, type TrainedModel } from './trained-model.ts';
import { windowProblem } from './window-problem.ts';

const modelFileSchema = z.object({
  format: z.union([z.literal(1), z.literal(2), z.literal(modelFormatVersion)]),
  problem: z.unknown(),
  settings: trainingSettingsSchema,
  unknowns: z.array(z.string()),
  parameters: z.record(z.string(), z.number()),
  pieces: z
    .array(z.object({ start: z.number(), end: z.number(), initial: z.record(z.string(), z.array(z.number())) }))
    .min(1)
    .optional(),
});
const variableWeights = z.array(z.object({ shape: z.array(z.int().nonnegative()), values: z.array(z.number()) }));
/** Version 3: one list of variables per piece; versions 1 and 2: the one network's list. */
const weightsFileSchema = (format: number) => (format === modelFormatVersion ? z.array(variableWeights) : variableWeights.transform((variables) => [variables]));

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new QuadrantError('ARTEFACT_INVALID', `${path}: cannot read it as JSON (${(error as Error).message})`, { cause: error });
  }
}

function check<T>(schema: z.ZodType<T>, raw: unknown, path: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new QuadrantError('ARTEFACT_INVALID', `${path}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`, { cause: parsed.error });
}

/** A version 1 file predates `trialSolution`: its exact initial conditions used the factor t − t0. */
function fromVersion1(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { format, settings } = raw as { format?: unknown; settings?: unknown };
  if (format !== 1 || typeof settings !== 'object' || settings === null || 'trialSolution' in settings) return raw;
  return { ...raw, settings: { ...settings, trialSolution: { factor: 'polynomial' } } };
}

/**
 * Reads a model written by `saveModel` (this version or versions 1 and 2): rebuilds each
 * piece's network through the registry (the same architecture, options, seed and
 * initial-condition transform over the piece's window) and loads its weights.
 * @throws QuadrantError `ARTEFACT_INVALID` for missing or malformed files or weights that do
 *   not fit the network; `NO_SUCH_ENTRY` when the registry lacks the architecture
 */
export async function loadModel(dir: string, registry: Registry): Promise<TrainedModel> {
  // It makes tensors, so like train() it starts the backend first.
  await selectBackend();
  const modelPath = join(dir, 'model.json');
  const weightsPath = join(dir, 'weights.json');
  const description = check(modelFileSchema, fromVersion1(await readJson(modelPath)), modelPath);
  const problem = parseProblem(description.problem, `${modelPath}: problem`);
  const windows = description.pieces ?? [{ start: problem.domain[0], end: problem.domain[1], initial: problem.initial }];
  const perPiece = check(weightsFileSchema(description.format), await readJson(weightsPath), weightsPath);
  if (perPiece.length !== windows.length) {
    throw new QuadrantError('ARTEFACT_INVALID', `${weightsPath}: holds weights for ${perPiece.length} networks, but ${modelPath} has ${windows.length} pieces`);
  }
  const pieces: ModelPiece[] = [];
  try {
    windows.forEach((window, index) => {
      const network = buildNetwork(windowProblem(problem, window), description.settings, registry);
      pieces.push({ ...window, network });
      loadWeights(network, perPiece[index]!, `${weightsPath}${windows.length === 1 ? '' : `: piece ${index}`}`, `the ${description.settings.architecture.name} network of ${modelPath}`);
    });
  } catch (error) {
    for (const piece of pieces) piece.network.dispose();
    throw error;
  }
  return createTrainedModel({ pieces, problem, settings: description.settings, parameters: description.parameters });
}

/** Loads saved variables into a network (through its float64 path where it has one, keeping float64 precision). */
function loadWeights(network: NetworkV1, weights: z.output<typeof variableWeights>, where: string, target: string): void {
  const shortVariable = weights.findIndex((saved) => saved.values.length !== saved.shape.reduce((product, each) => product * each, 1));
  const mismatch =
    shapeMismatch(
      weights.map((saved) => saved.shape),
      network.variables,
      'the saved weights',
    ) ?? (shortVariable < 0 ? undefined : `variable ${shortVariable} saved as [${weights[shortVariable]!.shape.join(', ')}] with ${weights[shortVariable]!.values.length} values`);
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
