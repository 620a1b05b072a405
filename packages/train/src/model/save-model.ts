import { problemToFile } from '@quadrant/equations';
import { type NetworkV1, QuadrantError } from '@quadrant/spec';
import type { TrainingHistory } from '../training/training-plan.ts';
import type { TrainedModel } from './trained-model.ts';

/**
 * Version of the files `saveModel` writes. 2 added `settings.trialSolution`; 3 added `pieces`
 * (the windows of a marched model) with one list of weights per piece, in float64 where the
 * network has that path; 4 added `training.json` (the checkpoint to continue from and the
 * run's status and loss history). `loadModel` reads versions 1 and 2 as one piece over the
 * domain, and 1 to 3 without a checkpoint.
 */
export const modelFormatVersion = 4;

/** The files of a saved model: what `saveModel` writes and replaces, nothing else. */
export const modelFiles = ['model.json', 'weights.json', 'training.json'] as const;

/** What a run says about itself beside the model it trained (`train`'s result has these fields). */
export interface TrainingRecord {
  readonly status: 'completed' | 'stopped' | 'diverged';
  readonly reason?: string;
  readonly epochs: number;
  readonly history: TrainingHistory;
}

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
 * A saved model as one JSON value: the content of each file `saveModel` writes, under the
 * file's name. Written to a `.json` file (`JSON.stringify`), it is what `loadModel` reads in
 * place of a folder, so a model made where there is no file system (a browser) travels as one
 * download that `quadrant report` and `quadrant predict` open.
 */
export interface ModelDocument {
  readonly 'model.json': unknown;
  readonly 'weights.json': unknown;
  readonly 'training.json': unknown;
}

/**
 * The files of a saved model as one value (see `saveModel` for what each holds); computes
 * nothing that needs a file system.
 * @param run - the run that trained the model (status, reason, epochs, history), kept in `training.json`
 */
export function modelDocument(model: TrainedModel, run?: TrainingRecord): ModelDocument {
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
  const { source: _source, ...checkpoint } = model.checkpoint ?? {};
  const training = {
    checkpoint: model.checkpoint === undefined ? null : checkpoint,
    run: trainingRun(run),
  };
  return { 'model.json': description, 'weights.json': weights, 'training.json': training };
}

/**
 * Writes a trained model to `dir`: `model.json` (format version, the problem, the training
 * settings (architecture name and options, seed, initial-condition mode, trial solution,
 * strategy), the network's shape, the unknowns, the parameter values and the pieces: each
 * window's interval and initial values), `weights.json` (per piece, every variable's shape and
 * values in the network's variable order) and `training.json` (the model's checkpoint, or null,
 * and with `run` the run's status, reason, epochs and loss history, non-finite losses as null).
 * `loadModel` reads them back on any backend.
 *
 * The files are written into a new folder beside `dir` and renamed into place, so a save cut
 * short leaves the previous model (or none), never a mix: at worst a `<dir>.saving-…` folder
 * beside it, or the previous model moved aside as `<dir>.replaced-…` when cut between the two
 * renames; either can be deleted.
 * @throws QuadrantError `INPUT_INVALID` when `dir` exists and holds anything but a saved model's files (which the save would delete)
 */
export async function saveModel(model: TrainedModel, dir: string, run?: TrainingRecord): Promise<void> {
  await writeModelDocument(modelDocument(model, run), dir);
}

/** The `training.json` record of a run (`null` without one), non-finite losses as null when written. */
export function trainingRun(run: TrainingRecord | undefined) {
  return run === undefined
    ? null
    : { status: run.status, ...(run.reason === undefined ? {} : { reason: run.reason }), epochs: run.epochs, history: run.history };
}

/**
 * Writes the files of a model document into `dir`, atomically as `saveModel` describes.
 * @throws QuadrantError `INPUT_INVALID` when `dir` exists and holds anything but a saved model's files
 */
export async function writeModelDocument(document: ModelDocument, dir: string): Promise<void> {
  // Imported here rather than at the top, so the main entry also loads where there is no file system (a browser).
  const [{ randomUUID }, { mkdir, readdir, rename, rm, writeFile }, { basename, dirname, join, resolve }] = await Promise.all([
    import('node:crypto'),
    import('node:fs/promises'),
    import('node:path'),
  ]);
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
      `${target}: holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''} besides a model, which saving would delete; save into a new or empty folder`,
    );
  }
  const { 'model.json': description, 'weights.json': weights, 'training.json': training } = document;
  const suffix = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const staging = join(dirname(target), `${basename(target)}.saving-${suffix}`);
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'model.json'), `${JSON.stringify(description, null, 2)}\n`);
    await writeFile(join(staging, 'weights.json'), `${JSON.stringify(weights)}\n`);
    await writeFile(join(staging, 'training.json'), `${JSON.stringify(training)}\n`);
    // A folder cannot be renamed over a non-empty one: the old model steps aside first.
    const aside = join(dirname(target), `${basename(target)}.replaced-${suffix}`);
    const replacing = existing.length > 0;
    if (replacing) await rename(target, aside);
    else await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    if (replacing) await rm(aside, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
