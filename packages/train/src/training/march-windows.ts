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
 * fails is halved and trained again (down to `minimumWindow`, and only while halving at least
 * halves the local error: an optimiser that cannot go lower gets no ever shorter windows), one
 * that passes by a factor ten (a hundred) makes the next one half as long again (twice as long).
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
  // The local error of the last rejected try at this window's start; and whether halving has
  // stopped paying (the optimiser's floor, not the window's length, limits the error).
  let rejected: number | undefined;
  let stalled = false;
  let outcome: PhaseOutcome | undefined;
  try {
    while (last - start > length * 1e-12) {
      const end = fixed !== undefined ? first + (length * (pieces.length + 1)) / fixed : start + size >= last - size / 4 ? last : start + size;
      const trained = await train(windowPlan, { start, end, initial }, history, epochs, (network) => {
        if (previous !== undefined) copyWeights(previous, network, 'the previous window');
      });
      epochs += trained.outcome.epochs;
      if (fixed === undefined && trained.outcome.status !== 'diverged') {
        const grid = windowGrid(start, end, checkPoints);
        const estimate = propagateDefect(system, jacobian, slots, grid, networkJets(trained.network, grid, order), outputs);
        const scale = estimate.state.reduce((largest, each) => Math.max(largest, Math.abs(each)), Number.MIN_VALUE);
        const local = estimate.error.reduce((largest, each) => Math.max(largest, Math.abs(each)), 0) / scale;
        const passed = local <= strategy.tolerance;
        // Halving cuts a window's local error by 2^(order of the fit) while the window's length
        // limits it; where it no longer halves the error, stop shrinking and go on at this length.
        if (!passed && rejected !== undefined && !(local < rejected / 2)) stalled = true;
        if (!passed && !stalled && (end - start) / 2 >= minimum) {
          trained.network.dispose();
          rejected = local;
          size = (end - start) / 2;
          continue;
        }
        rejected = undefined;
        if (passed) stalled = false;
        if (!passed) failed++;
        else if (local < strategy.tolerance / 100) size = (end - start) * 2;
        else if (local < strategy.tolerance / 10) size = (end - start) * 1.5;
        else size = end - start;
      }
      pieces.push({ start, end, initial, network: trained.network });
      previous = trained.network;
      plan.callbacks?.onProgress?.((end - first) / length);
      if (trained.outcome.status === 'diverged') {
        outcome = { ...trained.outcome, reason: `window [${start}, ${end}]: ${trained.outcome.reason}` };
        break;
      }
      if (plan.signal?.aborted) {
        outcome = { status: 'stopped', reason: `aborted after the window ending at ${end}`, epochs, learnedParameters: {} };
        break;
      }
      const values = networkJets(trained.network, Float64Array.of(end), Math.max(0, order - 1));
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
