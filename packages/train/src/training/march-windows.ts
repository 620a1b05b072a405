import type { NetworkV1 } from '@quadrant/spec';
import { copyWeights } from '../model/copy-weights.ts';
import { stateSlots } from '../model/solution-state.ts';
import { type ModelPiece, networkJets } from '../model/trained-model.ts';
import { modelSystem } from '../verdict/judge-solution.ts';
import { propagateDefect } from '../verdict/propagate-defect.ts';
import { collocationCount, windowGrid } from '../verdict/verdict-grid.ts';
import type { PhaseOutcome } from './first-order-phases.ts';
import type { trainWindow } from './train.ts';
import type { TrainingHistory, TrainingPlan } from './training-plan.ts';

/**
 * Time marching (Krishnapriyan et al., "Characterizing possible failure modes in
 * physics-informed neural networks", NeurIPS 2021): the domain is covered window after window,
 * each window's network meeting the previous window's end values and derivatives exactly and
 * starting from its weights. A fixed point of the equation that traps a network trained on the
 * whole domain at once is out of reach in a short window, whose solution stays close to its
 * initial value. With `windows: 'auto'` each window is checked as a classical solver checks a
 * step: its local error, the residual pushed through the linearised equation from the window's
 * start (`propagateDefect`), against `tolerance` times the solution's scale; a window that
 * fails is halved and trained again (down to `minimumWindow`, and only while halving pays: where
 * an optimiser cannot go lower, the best try is taken and the windows do not shrink on), one that passes makes the
 * next one longer by as much as its margin allows, and twice as long where the error has not
 * grown with the length.
 */
export async function marchWindows(
  plan: TrainingPlan,
  history: TrainingHistory,
  train: typeof trainWindow,
): Promise<{ pieces: ModelPiece[]; outcome: PhaseOutcome }> {
  const { problem, settings } = plan;
  const strategy = settings.strategy;
  const [first, last] = problem.domain;
  const length = last - first;
  const fixed = strategy.windows === 'auto' ? undefined : strategy.windows;
  const minimum = strategy.minimumWindow * length;
  const slots = stateSlots(problem);
  const outputs = slots.length;
  const order = Math.max(...slots.map((slot) => slot.order));
  const { system, jacobian } = modelSystem({ problem, parameters: plan.parameterStart });
  const checkPoints = settings.verdict.density * collocationCount(settings);
  // Each window reports its own epochs; progress is the share of the domain covered.
  const windowPlan: TrainingPlan = { ...plan, callbacks: plan.callbacks?.onEpoch === undefined ? undefined : { onEpoch: plan.callbacks.onEpoch } };

  const pieces: ModelPiece[] = [];
  let epochs = 0;
  let size = length / (fixed ?? strategy.initialWindows);
  let start = first;
  let initial = problem.initial;
  let previous: NetworkV1 | undefined;
  let failed = 0;
  let lastPassed: { size: number; local: number } | undefined;
  let outcome: PhaseOutcome | undefined;
  /** The local error of a trained window: the residual pushed through the linearised equation from its start, over the solution's scale. */
  const localError = (network: NetworkV1, end: number): number => {
    const grid = windowGrid(start, end, checkPoints);
    const estimate = propagateDefect(system, jacobian, slots, grid, networkJets(network, grid, order), outputs);
    const scale = estimate.state.reduce((largest, each) => Math.max(largest, Math.abs(each)), Number.MIN_VALUE);
    return estimate.error.reduce((largest, each) => Math.max(largest, Math.abs(each)), 0) / scale;
  };
  try {
    while (last - start > length * 1e-12) {
      // Tries at this start, each half as long as the one before, until one passes; `best` is
      // the try with the lowest local error so far, kept in case none passes.
      const firstSize = size;
      let best: { end: number; network: NetworkV1; outcome: PhaseOutcome; local: number } | undefined;
      let withoutGain = 0;
      let accepted: { end: number; network: NetworkV1; outcome: PhaseOutcome; local: number };
      for (;;) {
        const end = fixed !== undefined ? first + (length * (pieces.length + 1)) / fixed : start + size >= last - size / 4 ? last : start + size;
        const trained = await train(windowPlan, { start, end, initial }, history, epochs, (network) => {
          if (previous !== undefined) copyWeights(previous, network, 'the previous window');
        });
        epochs += trained.outcome.epochs;
        const attempt = { end, ...trained, local: fixed !== undefined || trained.outcome.status === 'diverged' ? 0 : localError(trained.network, end) };
        if (attempt.local <= strategy.tolerance) {
          best?.network.dispose();
          accepted = attempt;
          break;
        }
        // Halving cuts a window's local error by 2^(order of the fit) once the window resolves
        // the solution, and by about 2 while a fast transient is still unresolved. Two tries in a
        // row that do not beat the best of this start by a factor 1.25 mean the optimiser's floor,
        // not the length, limits the error: take the best try and go on at the length this start
        // began with, rather than shrink ever further.
        withoutGain = best !== undefined && !(attempt.local < best.local / 1.25) ? withoutGain + 1 : 0;
        if (best === undefined || attempt.local < best.local) {
          best?.network.dispose();
          best = attempt;
        } else attempt.network.dispose();
        if (withoutGain >= 2 || (end - start) / 2 < minimum) {
          accepted = best;
          failed++;
          size = withoutGain >= 2 ? firstSize : end - start;
          break;
        }
        size = (end - start) / 2;
      }
      const { end, network } = accepted;
      if (fixed === undefined && accepted.local <= strategy.tolerance) {
        // A passed window sets the next one's length as a step-size controller of order four
        // would, h·0.9·(tolerance/error)^(1/5), between 1.1 and 2 times as long: always a little
        // longer, so that an error that does not grow with the length (a floor of the fit, not
        // of the window) shows itself, and then twice as long.
        const windowLength = end - start;
        const atFloor = lastPassed !== undefined && windowLength > 1.05 * lastPassed.size && accepted.local <= 1.2 * lastPassed.local;
        size = windowLength * (atFloor ? 2 : Math.min(2, Math.max(1.1, 0.9 * (strategy.tolerance / Math.max(accepted.local, Number.MIN_VALUE)) ** 0.2)));
        lastPassed = { size: windowLength, local: accepted.local };
      }
      pieces.push({ start, end, initial, network });
      previous = network;
      plan.callbacks?.onProgress?.((end - first) / length);
      if (accepted.outcome.status === 'diverged') {
        outcome = { ...accepted.outcome, reason: `window [${start}, ${end}]: ${accepted.outcome.reason}` };
        break;
      }
      if (plan.signal?.aborted) {
        outcome = { status: 'stopped', reason: `aborted after the window ending at ${end}`, epochs, learnedParameters: {} };
        break;
      }
      const values = networkJets(network, Float64Array.of(end), Math.max(0, order - 1));
      initial = Object.fromEntries(slots.map((slot) => [slot.name, Array.from({ length: slot.order }, (_, k) => values[k]![slot.column]!)]));
      start = end;
    }
  } catch (error) {
    for (const piece of pieces) piece.network.dispose();
    throw error;
  }
  const summary = `marched ${pieces.length} window${pieces.length === 1 ? '' : 's'}${failed > 0 ? `, ${failed} above the local tolerance` : ''}`;
  return { pieces, outcome: { ...(outcome ?? { status: 'completed', epochs, learnedParameters: {} }), epochs, reason: outcome?.reason ?? summary } };
}
