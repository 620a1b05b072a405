import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { problemToFile } from '@quadrant/equations';
import type { NetworkV1 } from '@quadrant/spec';
import type { TrainedModel } from './trained-model.ts';

/**
 * Version of the files `saveModel` writes. 2 added `settings.trialSolution`; 3 added `pieces`
 * (the windows of a marched model) with one list of weights per piece, in float64 where the
 * network has that path. `loadModel` reads versions 1 and 2 as one piece over the domain.
 */
export const modelFormatVersion = 3;

/** A network's weights as saved: each variable's shape and values, from its float64 path where it has one. */
export function savedWeights(network: NetworkV1): { shape: number[]; values: number[] }[] {
  const float64 = network.float64?.read();
  let offset = 0;
  return network.variables.map((variable) => {
    const values = float64 === undefined ? Array.from(variable.dataSync()) : Array.from(float64.subarray(offset, offset + variable.size));
    offset += variable.size;
    return { shape: variable.shape, values };
  });
}

/**
 * Writes a trained model to `dir` (created if missing): `model.json` (format version, the
 * problem, the training settings (architecture name and options, seed, initial-condition mode,
 * trial solution, strategy), the network's shape, the unknowns, the parameter values and the
 * pieces: each window's interval and initial values) and `weights.json` (per piece, every
 * variable's shape and values in the network's variable order). `loadModel` reads them back
 * on any backend.
 */
export async function saveModel(model: TrainedModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const first = model.pieces[0]!;
  const description = {
    format: modelFormatVersion,
    problem: problemToFile(model.problem),
    settings: model.settings,
    architecture: { name: model.settings.architecture.name, options: model.settings.architecture.options },
    shape: first.network.shape,
    initialCondition: {
      mode: model.settings.initialCondition,
      ...(model.settings.initialCondition === 'exact' ? { trialSolution: model.settings.trialSolution } : {}),
      t0: model.problem.domain[0],
      values: model.unknowns.map((name) => model.problem.initial[name] ?? []),
    },
    unknowns: model.unknowns,
    parameters: model.parameters,
    pieces: model.pieces.map((piece) => ({ start: piece.start, end: piece.end, initial: piece.initial })),
  };
  const weights = model.pieces.map((piece) => savedWeights(piece.network));
  await writeFile(join(dir, 'model.json'), `${JSON.stringify(description, null, 2)}\n`);
  await writeFile(join(dir, 'weights.json'), `${JSON.stringify(weights)}\n`);
}
