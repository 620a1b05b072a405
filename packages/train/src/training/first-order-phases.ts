import { residualLoss } from '@quadrant/losses';
import { type NetworkV1, type OptimiserInstanceV1, type Problem, QuadrantError } from '@quadrant/spec';
import { dispose, type Scalar, scalar, sum, square, type Tensor, type Tensor1D, type Tensor2D, tidy, type Variable, variable } from '@tensorflow/tfjs-core';
import { equationResiduals } from '../model/equation-residuals.ts';
import type { TrainingCheckpoint } from '../model/training-checkpoint.ts';
import { createLossEvaluator, type WeightedTerm } from './loss-evaluator.ts';
import { recordHistory, type TrainingHistory, type TrainingPlan } from './training-plan.ts';

/** How a stretch of training ended. */
export interface PhaseOutcome {
  readonly status: 'completed' | 'stopped' | 'diverged';
  readonly reason?: string;
  /** Epochs run. */
  readonly epochs: number;
  /** Final values of the learnable parameters. */
  readonly learnedParameters: Record<string, number>;
  /** Where training stands, to continue from it (absent after divergence). */
  readonly checkpoint?: TrainingCheckpoint;
}

/**
 * Runs the plan's first-order phases (tfjs) on `network` over `problem`'s domain up to epoch
 * `epochs`: each phase its `epochs`, the last until then. From a checkpoint it starts at the
 * checkpoint's epoch, in its phase, with its optimiser state restored and the sampler moved
 * on by the epochs already run, so it steps as the run that saved it would have. A non-finite
 * loss ends with `diverged`, naming the epoch and the term (and for the equation residual, the
 * first point where it is not finite), the best weights seen restored. History epochs are
 * counted from `epochOffset`.
 * @throws QuadrantError `ARTEFACT_INVALID` for a checkpoint whose optimiser state does not fit these settings
 */
export async function runFirstOrderPhases(
  plan: TrainingPlan,
  problem: Problem,
  network: NetworkV1,
  history: TrainingHistory,
  epochOffset: number,
  epochs: number,
  checkpoint?: TrainingCheckpoint,
): Promise<PhaseOutcome> {
  const { settings, callbacks, signal, logEvery } = plan;
  const phases = plan.phases;
  const context = { ...plan.context, problem };
  const owned: { dispose(): void }[] = [];
  try {
    const learnable = new Map<string, Variable>();
    const parameters: Record<string, Scalar> = {};
    for (const [name, value] of Object.entries(plan.parameterStart)) {
      if (problem.parameters[name]!.learn) {
        const trainable = tidy(() => variable(scalar(value), true));
        learnable.set(name, trainable);
        parameters[name] = trainable;
      } else parameters[name] = scalar(value);
      owned.push(parameters[name]!);
    }
    const terms: WeightedTerm[] = plan.lossTerms.map((term) => {
      const instance = term.entry.create(context, term.options);
      owned.push(instance);
      return { name: term.name, weight: term.weight, instance };
    });
    const trainables = [...network.variables, ...learnable.values()];
    const sampler = plan.sampler.entry.create({ domain: problem.domain, seed: settings.seed }, plan.sampler.options);
    owned.push(sampler);
    const residuals = equationResiduals(problem, network);
    const squaredResidual = (points: Parameters<typeof residuals>[0]): Tensor1D => tidy(() => sum(square(residuals(points, parameters)), 1));
    const evaluate = createLossEvaluator(network, terms, trainables, parameters);

    const best = { loss: Number.POSITIVE_INFINITY, weights: undefined as Tensor[] | undefined };
    owned.push({
      dispose: () => {
        for (const each of best.weights ?? []) each.dispose();
      },
    });
    let status: PhaseOutcome['status'] = 'completed';
    let reason: string | undefined;
    let phaseIndex = -1;
    let phaseStart = 0;
    let phaseEnd = 0;
    let optimiser: OptimiserInstanceV1 | undefined;
    owned.push({ dispose: () => optimiser?.dispose() });
    let phaseBest = Number.POSITIVE_INFINITY;
    let phaseBestEpoch = 0;
    let epoch = checkpoint?.epoch ?? 0;
    let lastYield = performance.now();

    const startPhase = (index: number, start = epoch): void => {
      optimiser?.dispose();
      phaseIndex = index;
      phaseStart = start;
      const phase = phases[index]!;
      phaseEnd = index === phases.length - 1 ? epochs : Math.min(epochs, start + phase.epochs!);
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
    if (checkpoint === undefined) startPhase(0);
    else {
      startPhase(checkpoint.phase, checkpoint.phaseStart);
      phaseBest = checkpoint.phaseBest ?? Number.POSITIVE_INFINITY;
      phaseBestEpoch = checkpoint.phaseBestEpoch;
      if (checkpoint.optimiser !== null) restoreOptimiser(optimiser!, phases[phaseIndex]!.entry.name, checkpoint);
      // The sampler's stream moves on as it did in the epochs already run (an adaptive sampler
      // picks from the residual of the restored weights, not of the weights it saw then).
      for (let skipped = 0; skipped < checkpoint.epoch; skipped++) sampler.points({ epoch: skipped, residual: squaredResidual }).dispose();
    }
    // The evaluator plans its fast path on its first evaluation; a continued run plans it on
    // a throwaway one, so its first step takes the path the uninterrupted run's would.
    let plannedAhead = checkpoint === undefined || network.jetsWithVjp === undefined;

    for (; epoch < epochs; epoch++) {
      while (epoch >= phaseEnd && phaseIndex < phases.length - 1) startPhase(phaseIndex + 1);
      const at = epochOffset + epoch;
      const logged = epoch % logEvery === 0 || epoch === epochs - 1;
      // Weights before the step, kept if the loss they give turns out the best so far.
      const snapshot = logged ? trainables.map((each) => each.clone()) : undefined;
      const collocation = sampler.points({ epoch, residual: squaredResidual });
      if (!plannedAhead) {
        const throwaway = evaluate(collocation, epoch);
        dispose([throwaway.value, ...throwaway.grads, throwaway.terms]);
        plannedAhead = true;
      }
      let termValues: Float32Array | Int32Array | Uint8Array | undefined;
      // Where the residual is first not finite, found with the weights before the step.
      let firstNonFinite: string | undefined;
      const value = optimiser!.step(() => {
        const evaluation = evaluate(collocation, epoch);
        if (termValues === undefined) {
          termValues = evaluation.terms.dataSync();
          const residual = terms.findIndex((term) => term.name === residualLoss.name);
          if (residual >= 0 && !Number.isFinite(termValues[residual]!)) firstNonFinite = firstNonFinitePoint(problem, collocation, squaredResidual);
        }
        evaluation.terms.dispose();
        return evaluation;
      });
      collocation.dispose();
      const total = value.dataSync()[0]!;
      value.dispose();
      const named = Object.fromEntries(terms.map((term, i) => [term.name, termValues![i]!]));

      if (snapshot !== undefined) {
        // The first weights seen stand in until a finite loss beats them, so a run that diverges at once keeps its starting weights.
        if ((Number.isFinite(total) && total < best.loss) || best.weights === undefined) {
          for (const each of best.weights ?? []) each.dispose();
          best.weights = snapshot;
          best.loss = Number.isFinite(total) ? total : Number.POSITIVE_INFINITY;
        } else for (const each of snapshot) each.dispose();
      }
      if (!Number.isFinite(total) || terms.some((_, i) => !Number.isFinite(termValues![i]!))) {
        const culprit = terms.findIndex((_, i) => !Number.isFinite(termValues![i]!));
        const what =
          culprit < 0
            ? `total loss is ${total}`
            : `loss term '${terms[culprit]!.name}' is ${termValues![culprit]}${terms[culprit]!.name === residualLoss.name && firstNonFinite !== undefined ? `, first at ${firstNonFinite}` : ''}`;
        status = 'diverged';
        reason = `diverged at epoch ${at} (${what})`;
        const restore = best.weights;
        if (restore !== undefined) {
          tidy(() => {
            trainables.forEach((each, i) => {
              each.assign(restore[i]!);
            });
          });
        }
        recordHistory(history, at, total, named);
        epoch++;
        break;
      }
      if (logged) {
        recordHistory(history, at, total, named);
        callbacks?.onProgress?.((epoch + 1) / epochs);
      }
      if (callbacks?.onEpoch?.({ epoch: at, total, terms: named }) === 'stop') {
        status = 'stopped';
        reason = `stopped by the onEpoch callback at epoch ${at}`;
      } else if (signal?.aborted) {
        status = 'stopped';
        reason = `aborted at epoch ${at}`;
      } else if (settings.stop.lossBelow !== undefined && total < settings.stop.lossBelow) {
        status = 'stopped';
        reason = `loss ${total.toExponential(3)} below ${settings.stop.lossBelow} at epoch ${at}`;
      } else {
        const converged = optimiser!.converged;
        const plateau = settings.stop.plateau;
        let why: string | undefined;
        if (converged !== undefined) why = `${phases[phaseIndex]!.entry.name} converged (${converged}) at epoch ${at}`;
        else if (plateau !== undefined && phaseIndex === phases.length - 1) {
          if (total < phaseBest * (1 - plateau.relative)) {
            phaseBest = total;
            phaseBestEpoch = epoch;
          } else if (epoch - phaseBestEpoch >= plateau.patience) {
            why = `loss plateaued (no ${plateau.relative} relative improvement in ${plateau.patience} epochs) at epoch ${at}`;
          }
        }
        if (why !== undefined) {
          reason = endPhase(why);
          if (reason !== undefined) status = 'stopped';
        }
      }
      if (status !== 'completed') {
        if (!logged) recordHistory(history, at, total, named);
        epoch++;
        break;
      }
      // Let timers, signals and progress output run now and then.
      if (performance.now() - lastYield > 100) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    const learnedParameters = Object.fromEntries([...learnable].map(([name, each]) => [name, each.dataSync()[0]!]));
    const state = optimiser!.state?.() ?? null;
    const reached: TrainingCheckpoint = { epoch, phase: phaseIndex, phaseStart, phaseBest: Number.isFinite(phaseBest) ? phaseBest : null, phaseBestEpoch, optimiser: state };
    return { status, ...(reason === undefined ? {} : { reason }), epochs: epoch - (checkpoint?.epoch ?? 0), learnedParameters, ...(status === 'diverged' ? {} : { checkpoint: reached }) };
  } finally {
    for (const each of owned) each.dispose();
  }
}

/**
 * Restores a checkpoint's optimiser state into the phase's optimiser.
 * @throws QuadrantError `ARTEFACT_INVALID` naming the checkpoint's source when the state is of another optimiser or does not fit
 */
function restoreOptimiser(optimiser: OptimiserInstanceV1, name: string, checkpoint: TrainingCheckpoint): void {
  const where = `${checkpoint.source ?? 'initial model'}: optimiser phase ${checkpoint.phase} (${name})`;
  if (optimiser.restore === undefined) throw new QuadrantError('ARTEFACT_INVALID', `${where}: a saved optimiser state, and '${name}' keeps none; continue with the optimisers it was trained with`);
  try {
    optimiser.restore(checkpoint.optimiser!);
  } catch (error) {
    if (!QuadrantError.isInstance(error)) throw error;
    throw new QuadrantError(error.code, `${where}: ${error.message}`, { cause: error });
  }
}

/** The smallest point of the independent variable among `points` where the equation residual is not finite, as `t = 1.25`. */
function firstNonFinitePoint(problem: Problem, points: Tensor2D, squaredResidual: (points: Tensor2D) => Tensor1D): string | undefined {
  const residual = squaredResidual(points);
  const values = residual.dataSync();
  residual.dispose();
  const t = points.dataSync();
  let first = Number.POSITIVE_INFINITY;
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) first = Math.min(first, t[i]!);
  });
  return Number.isFinite(first) ? `${problem.independent} = ${Number(first.toPrecision(6))}` : undefined;
}
