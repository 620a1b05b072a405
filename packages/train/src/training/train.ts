import { type NetworkV1, type Problem, QuadrantError } from '@quadrant/spec';
import { getBackend } from '@tensorflow/tfjs-core';
import { ensureTensorBackend, selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from '../model/build-network.ts';
import { copyWeights } from '../model/copy-weights.ts';
import { createTrainedModel, type ModelPiece, type TrainedModel } from '../model/trained-model.ts';
import type { TrainingCheckpoint } from '../model/training-checkpoint.ts';
import { type TrainingWindow, windowProblem } from '../model/window-problem.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import { judgeSolution, type Verdict } from '../verdict/judge-solution.ts';
import { verdictGrid } from '../verdict/verdict-grid.ts';
import { type PhaseOutcome, runFirstOrderPhases } from './first-order-phases.ts';
import { runLeastSquaresPhase } from './least-squares-phase.ts';
import { marchWindows } from './march-windows.ts';
import { planTraining } from './plan-training.ts';
import type { TrainingHistory, TrainingOptions, TrainingPlan } from './training-plan.ts';

export type { EpochInfo, TrainingCallbacks, TrainingData, TrainingHistory, TrainingOptions } from './training-plan.ts';

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
  const plan = planTraining(problem, settings, options);
  // A run trained only in float64 needs tensors to hold its weights, not the full tfjs.
  await (plan.phases.length === 0 ? ensureTensorBackend() : selectBackend());
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
  const model = createTrainedModel({
    pieces,
    problem,
    settings,
    parameters: { ...plan.parameterStart, ...outcome.learnedParameters },
    ...(checkpoint === undefined ? {} : { checkpoint }),
  });
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
    const firstOrderEnd =
      plan.leastSquares === undefined
        ? end
        : Math.min(
            end,
            plan.phases.reduce((total, phase) => total + phase.epochs!, 0),
          );
    if (plan.phases.length > 0 && (checkpoint?.phase ?? 0) < plan.phases.length && start < firstOrderEnd) {
      outcome = await runFirstOrderPhases(plan, problem, network, history, epochOffset, firstOrderEnd, checkpoint);
    }
    const ran = start + outcome.epochs;
    if (plan.leastSquares !== undefined && outcome.status !== 'diverged' && !plan.signal?.aborted && end > ran) {
      const refined = runLeastSquaresPhase(plan, problem, network, history, epochOffset + ran, end - ran);
      // Levenberg–Marquardt keeps nothing between calls: a continued run starts it afresh from the weights.
      const reached = { epoch: ran + refined.epochs, phase: plan.phases.length, phaseStart: ran, phaseBest: null, phaseBestEpoch: ran, optimiser: null };
      outcome = {
        ...refined,
        epochs: outcome.epochs + refined.epochs,
        learnedParameters: outcome.learnedParameters,
        ...(refined.status === 'diverged' ? {} : { checkpoint: reached }),
      };
    }
    return { network, outcome };
  } catch (error) {
    network.dispose();
    throw error;
  }
}
