import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseProblem } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';
import { tensor, tidy } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Registry } from '../registry/registry.ts';
import { trainingSettingsSchema } from '../settings/training-settings-schema.ts';
import { selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from './build-network.ts';
import { shapeMismatch } from './shape-mismatch.ts';
import { modelFormatVersion } from './save-model.ts';
import { createTrainedModel, type TrainedModel } from './trained-model.ts';

const modelFileSchema = z.object({
  format: z.union([z.literal(1), z.literal(modelFormatVersion)]),
  problem: z.unknown(),
  settings: trainingSettingsSchema,
  unknowns: z.array(z.string()),
  parameters: z.record(z.string(), z.number()),
});
const weightsFileSchema = z.array(z.object({ shape: z.array(z.int().nonnegative()), values: z.array(z.number()) }));

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
 * Reads a model written by `saveModel` (this version or version 1): rebuilds the network
 * through the registry (the same architecture, options, seed and initial-condition transform)
 * and loads its weights.
 * @throws QuadrantError `ARTEFACT_INVALID` for missing or malformed files or weights that do
 *   not fit the network; `NO_SUCH_ENTRY` when the registry lacks the architecture
 */
export async function loadModel(dir: string, registry: Registry): Promise<TrainedModel> {
  // It makes tensors, so like train() it starts the backend first.
  await selectBackend();
  const modelPath = join(dir, 'model.json');
  const weightsPath = join(dir, 'weights.json');
  const description = check(modelFileSchema, fromVersion1(await readJson(modelPath)), modelPath);
  const weights = check(weightsFileSchema, await readJson(weightsPath), weightsPath);
  const problem = parseProblem(description.problem, `${modelPath}: problem`);
  const network = buildNetwork(problem, description.settings, registry);
  const shortVariable = weights.findIndex((saved) => saved.values.length !== saved.shape.reduce((product, each) => product * each, 1));
  const mismatch =
    shapeMismatch(
      weights.map((saved) => saved.shape),
      network.variables,
      'the saved weights',
    ) ?? (shortVariable < 0 ? undefined : `variable ${shortVariable} saved as [${weights[shortVariable]!.shape.join(', ')}] with ${weights[shortVariable]!.values.length} values`);
  if (mismatch !== undefined) {
    network.dispose();
    throw new QuadrantError('ARTEFACT_INVALID', `${weightsPath}: does not fit the ${description.settings.architecture.name} network of ${modelPath}: ${mismatch}`);
  }
  tidy(() => {
    network.variables.forEach((variable, i) => {
      variable.assign(tensor(Float32Array.from(weights[i]!.values), variable.shape));
    });
  });
  return createTrainedModel({ network, problem, settings: description.settings, parameters: description.parameters });
}
