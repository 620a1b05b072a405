import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { problemToFile } from '@quadrant/equations';
import type { TrainedModel } from './trained-model.ts';

/**
 * Version of the files `saveModel` writes. 2 added `settings.trialSolution`; `loadModel` reads
 * version 1 files with the trial factor they were trained with (`polynomial`).
 */
export const modelFormatVersion = 2;

/**
 * Writes a trained model to `dir` (created if missing): `model.json` (format version, the
 * problem, the training settings (architecture name and options, seed, initial-condition
 * mode and trial solution), the network's shape, the unknowns and the parameter values) and
 * `weights.json` (every variable's shape and values, in the network's variable order). `loadModel` reads them
 * back on any backend.
 */
export async function saveModel(model: TrainedModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const description = {
    format: modelFormatVersion,
    problem: problemToFile(model.problem),
    settings: model.settings,
    architecture: { name: model.settings.architecture.name, options: model.settings.architecture.options },
    shape: model.network.shape,
    initialCondition: {
      mode: model.settings.initialCondition,
      ...(model.settings.initialCondition === 'exact' ? { trialSolution: model.settings.trialSolution } : {}),
      t0: model.problem.domain[0],
      values: model.unknowns.map((name) => model.problem.initial[name] ?? []),
    },
    unknowns: model.unknowns,
    parameters: model.parameters,
  };
  const weights = model.network.variables.map((variable) => ({ shape: variable.shape, values: Array.from(variable.dataSync()) }));
  await writeFile(join(dir, 'model.json'), `${JSON.stringify(description, null, 2)}\n`);
  await writeFile(join(dir, 'weights.json'), `${JSON.stringify(weights)}\n`);
}
