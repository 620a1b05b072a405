import { didYouMean, type LossContextV1, type NetworkV1, type OptimiserInstanceV1, type Problem, QuadrantError } from '@quadrant/spec';
import { getBackend, type Scalar, scalar, sum, square, type Tensor, type Tensor1D, tidy, type Variable, variable } from '@tensorflow/tfjs-core';
import { selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from '../model/build-network.ts';
import { equationResiduals } from '../model/equation-residuals.ts';
import { shapeMismatch } from '../model/shape-mismatch.ts';
import { createTrainedModel, type TrainedModel } from '../model/trained-model.ts';
import { parseEntryOptions } from '../registry/parse-entry-options.ts';
import type { Registry } from '../registry/registry.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import { createLossEvaluator, type WeightedTerm } from './loss-evaluator.ts';

/** Observations to train on, as numbers. */
export interface TrainingData {
  /** Points of the independent variable, [M]. */
  readonly t: Float64Array;
  /** Observed values per unknown, [M] each. */
  readonly values: Readonly<Record<string, Float64Array>>;
}

/** What a run reports after each epoch. */
export interface EpochInfo {
  /** 0-based index of the epoch just run. */
  readonly epoch: number;
  /** Total loss before the epoch's update. */
  readonly total: number;
  /** Each term's unweighted value, by name. */
  readonly terms: Readonly<Record<string, number>>;
}

/** Hooks into a run. */
export interface TrainingCallbacks {
  /** After every epoch; returning `'stop'` ends the run (status `stopped`). */
  onEpoch?(info: EpochInfo): undefined | 'stop';
  /** Share of the epochs done, 0 to 1, every `logEvery` epochs and at the end. */
  onProgress?(fraction: number): void;
}

/** What `train` needs besides the problem and the settings. */
export interface TrainingOptions {
  /** Where names of the settings are looked up. */
  readonly registry: Registry;
  /** Observations for terms that need them (default: the problem's `data`). */
  readonly data?: TrainingData;
  readonly callbacks?: TrainingCallbacks;
  /** Aborting ends the run after the current epoch (status `stopped`). */
  readonly signal?: AbortSignal;
  /**
   * Continue from this model (one saved with `saveModel` and read back with `loadModel`, say):
   * the network starts from its weights and learnable parameters from its values. Its
   * variables must have the shapes of the network the settings build.
   */
  readonly initialModel?: TrainedModel;
}

/** Loss history, sampled every `logEvery` epochs (and at the last epoch). */
export interface TrainingHistory {
  readonly epoch: number[];
  readonly total: number[];
  /** Unweighted values per term, aligned with `epoch`. */
  readonly terms: Record<string, number[]>;
}

/** The outcome of a run. Numerical failure is a result (`diverged`), not an exception. */
export interface TrainingResult {
  /** `completed`: all epochs ran; `stopped`: an early stop (reason says which); `diverged`: the loss turned non-finite. */
  readonly status: 'completed' | 'stopped' | 'diverged';
  readonly reason?: string;
  /** Epochs run. */
  readonly epochs: number;
  /** Wall-clock seconds of the training loop. */
  readonly seconds: number;
  /** The tfjs backend it ran on. */
  readonly backend: string;
  readonly history: TrainingHistory;
  /** Final values of the parameters marked `learn: true`. */
  readonly learnedParameters: Record<string, number>;
  /** The trained network; the caller disposes it. */
  readonly model: TrainedModel;
}

/** The default history spacing: at most ~500 points. */
export const defaultLogEvery = (epochs: number): number => Math.max(1, Math.ceil(epochs / 500));

/** An optimiser that reports convergence (see `lbfgs`). */
const convergence = (optimiser: OptimiserInstanceV1): string | undefined => (optimiser as { converged?: string }).converged;

/**
 * Trains a network on a problem. The network has one input (the independent variable) and
 * one output per unknown; learnable parameters (`learn: true`) are optimised with it. Each
 * optimiser phase runs its `epochs`, the last until `settings.epochs`. A non-finite loss ends
 * the run with status `diverged`, naming the epoch and the term, and the best weights seen
 * restored. The same seed gives the same result on one backend.
 * @throws QuadrantError before training: `CONFIG_INVALID` (a term that needs data without data,
 *   an unknown parameter, a phase without `epochs`), `NO_SUCH_ENTRY`, `OPTIONS_INVALID`,
 *   `JETS_UNSUPPORTED` (architecture's jets below the problem's order)
 */
export async function train(problem: Problem, settings: TrainingSettings, options: TrainingOptions): Promise<TrainingResult> {
  const { registry, callbacks, signal } = options;
  await selectBackend();
  const epochs = settings.epochs;
  const logEvery = settings.logEvery ?? defaultLogEvery(epochs);
  settings.optimisers.slice(0, -1).forEach((phase, index) => {
    if (phase.epochs === undefined) {
      throw new QuadrantError('CONFIG_INVALID', `settings: optimisers.${index}.epochs: every phase but the last needs its number of epochs`);
    }
  });

  const data = options.data ?? problemData(problem);
  const context: LossContextV1 = { problem, unknowns: problem.unknowns.map((unknown) => unknown.name), data };
  const termSettings = Object.entries(settings.losses).filter(([name]) => !(settings.initialCondition === 'exact' && name === 'initial-condition'));
  const lossTerms = termSettings.map(([name, term]) => {
    const entry = registry.loss(name);
    if (entry.needsData && data === undefined) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: losses.${name}: the '${name}' term needs observations, but problem '${problem.name}' has none; pass data to train(), add "data" to the problem, or drop the term (the 'solver' preset trains without data)`,
      );
    }
    return { name, weight: term.weight, entry, options: parseEntryOptions(entry, term.options, `settings: losses.${name}.options`) };
  });
  const samplerEntry = registry.sampler(settings.sampler.name);
  const samplerOptions = parseEntryOptions(samplerEntry, settings.sampler.options, 'settings: sampler.options');
  const phases = settings.optimisers.map((phase, index) => {
    const entry = registry.optimiser(phase.name);
    return { entry, options: parseEntryOptions(entry, phase.options, `settings: optimisers.${index}.options`), epochs: phase.epochs };
  });
  const parameterStart = { ...parameterValues(problem, settings.parameters), ...learnedValues(problem, options.initialModel) };

  const network = buildNetwork(problem, settings, registry);
  if (options.initialModel !== undefined) startFrom(network, options.initialModel);
  const owned: { dispose(): void }[] = [];
  try {
    const learnable = new Map<string, Variable>();
    const parameters: Record<string, Scalar> = {};
    for (const [name, value] of Object.entries(parameterStart)) {
      if (problem.parameters[name]!.learn) {
        const trainable = tidy(() => variable(scalar(value), true));
        learnable.set(name, trainable);
        parameters[name] = trainable;
      } else parameters[name] = scalar(value);
      owned.push(parameters[name]!);
    }
    const terms: WeightedTerm[] = lossTerms.map((term) => {
      const instance = term.entry.create(context, term.options);
      owned.push(instance);
      return { name: term.name, weight: term.weight, instance };
    });
    const trainables = [...network.variables, ...learnable.values()];
    const sampler = samplerEntry.create({ domain: problem.domain, seed: settings.seed }, samplerOptions);
    owned.push(sampler);
    const residuals = equationResiduals(problem, network);
    const squaredResidual = (points: Parameters<typeof residuals>[0]): Tensor1D => tidy(() => sum(square(residuals(points, parameters)), 1));
    const evaluate = createLossEvaluator(network, terms, trainables, parameters);

    const history: TrainingHistory = { epoch: [], total: [], terms: Object.fromEntries(terms.map((term) => [term.name, []])) };
    const best = { loss: Number.POSITIVE_INFINITY, weights: undefined as Tensor[] | undefined };
    owned.push({
      dispose: () => {
        for (const each of best.weights ?? []) each.dispose();
      },
    });
    let status: TrainingResult['status'] = 'completed';
    let reason: string | undefined;
    let phaseIndex = -1;
    let phaseEnd = 0;
    let optimiser: OptimiserInstanceV1 | undefined;
    owned.push({ dispose: () => optimiser?.dispose() });
    let phaseBest = Number.POSITIVE_INFINITY;
    let phaseBestEpoch = 0;
    let epoch = 0;
    const started = performance.now();
    let lastYield = started;

    const startPhase = (index: number): void => {
      optimiser?.dispose();
      phaseIndex = index;
      const phase = phases[index]!;
      phaseEnd = index === phases.length - 1 ? epochs : Math.min(epochs, epoch + phase.epochs!);
      optimiser = phase.entry.create(trainables, phase.options);
      phaseBest = Number.POSITIVE_INFINITY;
      phaseBestEpoch = epoch;
    };
    // Ends the current phase; returns a reason when it was the last one.
    const endPhase = (why: string): string | undefined => {
      if (phaseIndex === phases.length - 1) return why;
      startPhase(phaseIndex + 1);
      return undefined;
    };
    startPhase(0);

    for (; epoch < epochs; epoch++) {
      while (epoch >= phaseEnd && phaseIndex < phases.length - 1) startPhase(phaseIndex + 1);
      const logged = epoch % logEvery === 0 || epoch === epochs - 1;
      // Weights before the step, kept if the loss they give turns out the best so far.
      const snapshot = logged ? trainables.map((each) => each.clone()) : undefined;
      const collocation = sampler.points({ epoch, residual: squaredResidual });
      let firstTerms: Tensor1D | undefined;
      const value = optimiser!.step(() => {
        const evaluation = evaluate(collocation, epoch);
        if (firstTerms === undefined) firstTerms = evaluation.terms;
        else evaluation.terms.dispose();
        return evaluation;
      });
      collocation.dispose();
      const total = value.dataSync()[0]!;
      value.dispose();
      const termValues = firstTerms!.dataSync();
      firstTerms!.dispose();
      const named = Object.fromEntries(terms.map((term, i) => [term.name, termValues[i]!]));

      if (snapshot !== undefined) {
        if (Number.isFinite(total) && total < best.loss) {
          for (const each of best.weights ?? []) each.dispose();
          best.weights = snapshot;
          best.loss = total;
        } else for (const each of snapshot) each.dispose();
      }
      if (!Number.isFinite(total) || terms.some((_, i) => !Number.isFinite(termValues[i]!))) {
        const culprit = terms.findIndex((_, i) => !Number.isFinite(termValues[i]!));
        const what = culprit < 0 ? `total loss is ${total}` : `loss term '${terms[culprit]!.name}' is ${termValues[culprit]}`;
        status = 'diverged';
        reason = `diverged at epoch ${epoch} (${what})`;
        const restore = best.weights;
        if (restore !== undefined) {
          tidy(() => {
            trainables.forEach((each, i) => {
              each.assign(restore[i]!);
            });
          });
        }
        record(history, epoch, total, named);
        epoch++;
        break;
      }
      if (logged) {
        record(history, epoch, total, named);
        callbacks?.onProgress?.((epoch + 1) / epochs);
      }
      if (callbacks?.onEpoch?.({ epoch, total, terms: named }) === 'stop') {
        status = 'stopped';
        reason = `stopped by the onEpoch callback at epoch ${epoch}`;
      } else if (signal?.aborted) {
        status = 'stopped';
        reason = `aborted at epoch ${epoch}`;
      } else if (settings.stop.lossBelow !== undefined && total < settings.stop.lossBelow) {
        status = 'stopped';
        reason = `loss ${total.toExponential(3)} below ${settings.stop.lossBelow} at epoch ${epoch}`;
      } else {
        const converged = convergence(optimiser!);
        const plateau = settings.stop.plateau;
        let why: string | undefined;
        if (converged !== undefined) why = `${phases[phaseIndex]!.entry.name} converged (${converged}) at epoch ${epoch}`;
        else if (plateau !== undefined && phaseIndex === phases.length - 1) {
          if (total < phaseBest * (1 - plateau.relative)) {
            phaseBest = total;
            phaseBestEpoch = epoch;
          } else if (epoch - phaseBestEpoch >= plateau.patience) {
            why = `loss plateaued (no ${plateau.relative} relative improvement in ${plateau.patience} epochs) at epoch ${epoch}`;
          }
        }
        if (why !== undefined) {
          reason = endPhase(why);
          if (reason !== undefined) status = 'stopped';
        }
      }
      if (status !== 'completed') {
        if (!logged) record(history, epoch, total, named);
        epoch++;
        break;
      }
      // Let timers, signals and progress output run now and then.
      if (performance.now() - lastYield > 100) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    callbacks?.onProgress?.(1);
    const learnedParameters = Object.fromEntries([...learnable].map(([name, each]) => [name, each.dataSync()[0]!]));
    const model = createTrainedModel({ network, problem, settings, parameters: { ...parameterStart, ...learnedParameters } });
    return {
      status,
      ...(reason === undefined ? {} : { reason }),
      epochs: epoch,
      seconds,
      backend: getBackend(),
      history,
      learnedParameters,
      model,
    };
  } catch (error) {
    network.dispose();
    throw error;
  } finally {
    for (const each of owned) each.dispose();
  }
}

function record(history: TrainingHistory, epoch: number, total: number, terms: Readonly<Record<string, number>>): void {
  history.epoch.push(epoch);
  history.total.push(total);
  for (const [name, value] of Object.entries(terms)) history.terms[name]!.push(value);
}

/** The problem's own observations as numbers, if it has any. */
function problemData(problem: Problem): TrainingData | undefined {
  if (problem.data === undefined) return undefined;
  return {
    t: Float64Array.from(problem.data.t),
    values: Object.fromEntries(Object.entries(problem.data.values).map(([name, series]) => [name, Float64Array.from(series)])),
  };
}

/**
 * Starting value of every parameter: the override, else the value (known) or guess (learnable).
 * @throws QuadrantError `CONFIG_INVALID` for an override of a parameter the problem does not have
 */
export function parameterValues(problem: Problem, overrides: Readonly<Record<string, number>>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [name, parameter] of Object.entries(problem.parameters)) values[name] = parameter.learn ? parameter.guess : (parameter.value ?? parameter.guess);
  const known = Object.keys(values);
  for (const [name, value] of Object.entries(overrides)) {
    if (!known.includes(name)) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: parameters.${name}: problem '${problem.name}' has no parameter '${name}'${didYouMean(name, known)}; parameters: ${known.join(', ') || '(none)'}`,
      );
    }
    values[name] = value;
  }
  return values;
}

/** The learnable parameters' values of a model to continue from (none without one). */
function learnedValues(problem: Problem, model: TrainedModel | undefined): Record<string, number> {
  if (model === undefined) return {};
  return Object.fromEntries(Object.entries(model.parameters).filter(([name]) => problem.parameters[name]?.learn === true));
}

/**
 * Copies a model's weights into a freshly built network.
 * @throws QuadrantError `CONFIG_INVALID` when the two networks' variables differ in number or shape
 */
function startFrom(network: NetworkV1, model: TrainedModel): void {
  const from = model.network.variables;
  const mismatch = shapeMismatch(
    from.map((each) => each.shape),
    network.variables,
    'the initial model',
  );
  if (mismatch !== undefined) {
    network.dispose();
    throw new QuadrantError('CONFIG_INVALID', `initial model: does not fit the ${network.architecture} network of these settings: ${mismatch}; continue with the settings it was trained with`);
  }
  network.variables.forEach((variable, i) => {
    variable.assign(from[i]!);
  });
}
