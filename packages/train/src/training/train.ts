import { residualLoss } from '@quadrant/losses';
import { didYouMean, type NetworkV1, type Problem, QuadrantError } from '@quadrant/spec';
import { getBackend } from '@tensorflow/tfjs-core';
import { selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from '../model/build-network.ts';
import { copyWeights } from '../model/copy-weights.ts';
import { createTrainedModel, type ModelPiece, type TrainedModel } from '../model/trained-model.ts';
import type { TrainingCheckpoint } from '../model/training-checkpoint.ts';
import { type TrainingWindow, windowProblem } from '../model/window-problem.ts';
import { parseEntryOptions } from '../registry/parse-entry-options.ts';
import type { Registry } from '../registry/registry.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import { judgeSolution, type Verdict } from '../verdict/judge-solution.ts';
import { verdictGrid } from '../verdict/verdict-grid.ts';
import { type PhaseOutcome, runFirstOrderPhases } from './first-order-phases.ts';
import { runLeastSquaresPhase } from './least-squares-phase.ts';
import { marchWindows } from './march-windows.ts';
import type { TrainingCallbacks, TrainingData, TrainingHistory, TrainingPlan } from './training-plan.ts';

export type { EpochInfo, TrainingCallbacks, TrainingData, TrainingHistory } from './training-plan.ts';

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
   * variables must have the shapes of the network the settings build; a marched model (more
   * than one piece) cannot be continued. When the model has a checkpoint (a model `train`
   * returned, or one saved in format 4 by a run that did not diverge), training also continues
   * from it: from its epoch (sampling, learning-rate schedules and the causal residual's epochs
   * go on from there), in its optimiser phase, with the optimiser's state restored, for
   * `settings.epochs` more epochs; with the same settings, N epochs and then N more step as one
   * run of 2N does. Without one, the optimisers start afresh at epoch 0.
   */
  readonly initialModel?: TrainedModel;
}

/** The outcome of a run. Numerical failure is a result (`diverged`), not an exception. */
export interface TrainingResult {
  /** `completed`: all epochs ran; `stopped`: an early stop (reason says which); `diverged`: the loss turned non-finite. */
  readonly status: 'completed' | 'stopped' | 'diverged';
  readonly reason?: string;
  /** Epochs run (over every window when marching; a continued run counts those after its checkpoint). */
  readonly epochs: number;
  /** Wall-clock seconds of the training loop. */
  readonly seconds: number;
  /** The tfjs backend it ran on (`float64` for a run trained only in float64). */
  readonly backend: string;
  readonly history: TrainingHistory;
  /** Final values of the parameters marked `learn: true`. */
  readonly learnedParameters: Record<string, number>;
  /** Whether the run found the solution, judged without a reference (`settings.verdict`). */
  readonly verdict: Verdict;
  /** The trained model (one piece, or one per window when marching); the caller disposes it. */
  readonly model: TrainedModel;
}

/** The default history spacing: at most ~500 points. */
export const defaultLogEvery = (epochs: number): number => Math.max(1, Math.ceil(epochs / 500));

/**
 * Trains a network on a problem. The network has one input (the independent variable) and
 * one output per unknown; learnable parameters (`learn: true`) are optimised with it. Each
 * first-order optimiser phase runs its `epochs`, the last until `settings.epochs`; a final
 * least-squares phase (`levenberg-marquardt`) minimises the residual in float64 through the
 * network's float64 path. With `strategy: marching` this happens window after window. A
 * non-finite loss ends the run with status `diverged`, naming the epoch and the term, and the
 * best weights seen restored. Every run ends with a verdict. The same seed gives the same
 * result on one backend.
 * @throws QuadrantError before training: `CONFIG_INVALID` (a term that needs data without data,
 *   an unknown parameter, a phase without `epochs`, a least-squares phase that is not last or
 *   whose network has no float64 path or that meets learnable parameters, marching with data
 *   terms or learnable parameters),
 *   `NO_SUCH_ENTRY`, `OPTIONS_INVALID`, `JETS_UNSUPPORTED` (architecture's jets below the problem's order)
 */
export async function train(problem: Problem, settings: TrainingSettings, options: TrainingOptions): Promise<TrainingResult> {
  await selectBackend();
  const plan = planTraining(problem, settings, options);
  const history: TrainingHistory = { epoch: [], total: [], terms: Object.fromEntries(plan.lossTerms.map((term) => [term.name, []])) };
  const started = performance.now();
  let pieces: ModelPiece[];
  let outcome: PhaseOutcome;
  if (settings.strategy.name === 'marching') {
    ({ pieces, outcome } = await marchWindows(plan, history, trainWindow));
  } else {
    const piece = { start: problem.domain[0], end: problem.domain[1], initial: problem.initial };
    const trained = await trainWindow(
      plan,
      piece,
      history,
      0,
      (network) => {
        if (options.initialModel !== undefined) copyWeights(options.initialModel.pieces[0]!.network, network, 'initial model');
      },
      options.initialModel?.checkpoint,
    );
    pieces = [{ ...piece, network: trained.network }];
    outcome = trained.outcome;
  }
  const seconds = (performance.now() - started) / 1000;
  plan.callbacks?.onProgress?.(1);
  // A marched model is not continued (see TrainingOptions.initialModel), so it keeps no checkpoint.
  const checkpoint = settings.strategy.name === 'marching' ? undefined : outcome.checkpoint;
  const model = createTrainedModel({ pieces, problem, settings, parameters: { ...plan.parameterStart, ...outcome.learnedParameters }, ...(checkpoint === undefined ? {} : { checkpoint }) });
  const verdict = judgeSolution(model, verdictGrid(model, settings), settings.verdict.tolerance);
  return {
    status: outcome.status,
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    epochs: outcome.epochs,
    seconds,
    backend: plan.phases.length === 0 ? 'float64' : getBackend(),
    history,
    learnedParameters: outcome.learnedParameters,
    verdict,
    model,
  };
}

/**
 * Builds the settings' network for one window and trains it: the first-order phases, then the
 * least-squares phase, within `settings.epochs`. `prepare` may set the network's starting
 * weights (a model to continue from, the previous window's). The caller owns the network.
 */
export async function trainWindow(
  plan: TrainingPlan,
  window: TrainingWindow,
  history: TrainingHistory,
  epochOffset: number,
  prepare: (network: NetworkV1) => void,
  checkpoint?: TrainingCheckpoint,
): Promise<{ network: NetworkV1; outcome: PhaseOutcome }> {
  const problem = windowProblem(plan.problem, window);
  const network = buildNetwork(problem, plan.settings, plan.registry);
  try {
    if (plan.leastSquares !== undefined && network.float64 === undefined) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: optimisers: '${plan.leastSquares.entry.name}' trains through a network's float64 path, and architecture '${plan.settings.architecture.name}' has none; use an architecture with one (mlp, random-features), the 'solver-first-order' preset, or a first-order optimiser (adam, lbfgs)`,
      );
    }
    prepare(network);
    // Epochs are counted from the run's start: a checkpoint's epoch onwards, `settings.epochs` of them.
    const start = checkpoint?.epoch ?? 0;
    const end = start + plan.settings.epochs;
    let outcome: PhaseOutcome = { status: 'completed', epochs: 0, learnedParameters: {} };
    const firstOrderEnd = plan.leastSquares === undefined ? end : Math.min(end, plan.phases.reduce((total, phase) => total + phase.epochs!, 0));
    if (plan.phases.length > 0 && (checkpoint?.phase ?? 0) < plan.phases.length && start < firstOrderEnd) {
      outcome = await runFirstOrderPhases(plan, problem, network, history, epochOffset, firstOrderEnd, checkpoint);
    }
    const ran = start + outcome.epochs;
    if (plan.leastSquares !== undefined && outcome.status !== 'diverged' && !plan.signal?.aborted && end > ran) {
      const refined = runLeastSquaresPhase(plan, problem, network, history, epochOffset + ran, end - ran);
      // Levenberg–Marquardt keeps nothing between calls: a continued run starts it afresh from the weights.
      const reached = { epoch: ran + refined.epochs, phase: plan.phases.length, phaseStart: ran, phaseBest: null, phaseBestEpoch: ran, optimiser: null };
      outcome = { ...refined, epochs: outcome.epochs + refined.epochs, learnedParameters: outcome.learnedParameters, ...(refined.status === 'diverged' ? {} : { checkpoint: reached }) };
    }
    return { network, outcome };
  } catch (error) {
    network.dispose();
    throw error;
  }
}

/** Checks the settings against the problem and the registry and resolves every entry, before anything is built. */
function planTraining(problem: Problem, settings: TrainingSettings, options: TrainingOptions): TrainingPlan {
  const { registry } = options;
  const data = options.data ?? problemData(problem);
  const context = { problem, unknowns: problem.unknowns.map((unknown) => unknown.name), data };
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
  const resolved = settings.optimisers.map((phase, index) => {
    const entry = registry.optimiser(phase.name);
    return { entry, options: parseEntryOptions(entry, phase.options, `settings: optimisers.${index}.options`), epochs: phase.epochs, index };
  });
  const secondOrder = resolved.filter((phase) => phase.entry.leastSquares !== undefined);
  if (secondOrder.some((phase) => phase.index !== resolved.length - 1)) {
    throw new QuadrantError('CONFIG_INVALID', `settings: optimisers.${secondOrder[0]!.index}: '${secondOrder[0]!.entry.name}' works on the residual in float64 and can only be the last phase`);
  }
  const phases = resolved.filter((phase) => phase.entry.leastSquares === undefined);
  phases.forEach((phase) => {
    if (phase.epochs === undefined && (phase.index < resolved.length - 1)) {
      throw new QuadrantError('CONFIG_INVALID', `settings: optimisers.${phase.index}.epochs: every phase but the last needs its number of epochs`);
    }
  });
  const leastSquares = secondOrder[0];
  const learnable = Object.entries(problem.parameters).filter(([, parameter]) => parameter.learn);
  if (leastSquares !== undefined) {
    if (learnable.length > 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: optimisers.${leastSquares.index}: '${leastSquares.entry.name}' fits the network alone, and problem '${problem.name}' learns ${learnable.map(([name]) => name).join(', ')}; use a first-order optimiser (adam, lbfgs) to learn parameters`,
      );
    }
    const others = lossTerms.filter((term) => term.name !== residualLoss.name);
    if (others.length > 0 || lossTerms.length === 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: optimisers.${leastSquares.index}: '${leastSquares.entry.name}' minimises the equation residual with exact initial conditions; drop the ${others.map((term) => `'${term.name}'`).join(', ') || 'other'} term${others.length === 1 ? '' : 's'} (initialCondition: exact) or use a first-order optimiser`,
      );
    }
  }
  const parameterStart = { ...parameterValues(problem, settings.parameters), ...learnedValues(problem, options.initialModel) };
  if (settings.strategy.name === 'marching') {
    if (lossTerms.some((term) => term.entry.needsData) || learnable.length > 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: strategy: marching hands each window's end to the next as its initial condition and trains on the equation alone, so it takes no data terms and no learnable parameters${learnable.length > 0 ? ` (problem '${problem.name}' learns ${learnable.map(([name]) => name).join(', ')})` : ''}`,
      );
    }
  }
  if (options.initialModel !== undefined && options.initialModel.pieces.length !== 1) {
    throw new QuadrantError('CONFIG_INVALID', `initial model: it was trained by marching (${options.initialModel.pieces.length} windows); only a model of one network can be continued`);
  }
  const checkpoint = options.initialModel?.checkpoint;
  if (checkpoint !== undefined && (checkpoint.phase > phases.length || (checkpoint.phase === phases.length && leastSquares === undefined))) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `${checkpoint.source ?? 'initial model'}: it stopped in optimiser phase ${checkpoint.phase}, and these settings have ${phases.length} first-order phase${phases.length === 1 ? '' : 's'}${leastSquares === undefined ? '' : ' and a least-squares one'}; continue with the optimisers it was trained with`,
    );
  }
  return {
    problem,
    settings,
    registry,
    context,
    lossTerms,
    sampler: { entry: samplerEntry, options: parseEntryOptions(samplerEntry, settings.sampler.options, 'settings: sampler.options') },
    phases: phases.map(({ entry, options: parsed, epochs }) => ({ entry, options: parsed, epochs })),
    leastSquares: leastSquares === undefined ? undefined : { entry: leastSquares.entry, options: leastSquares.options, epochs: leastSquares.epochs },
    parameterStart,
    logEvery: settings.logEvery ?? defaultLogEvery(settings.epochs),
    callbacks: options.callbacks,
    signal: options.signal,
  };
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
