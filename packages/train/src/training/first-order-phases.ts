import type { NetworkV1, OptimiserInstanceV1, Problem } from '@quadrant/spec';
import { type Scalar, scalar, sum, square, type Tensor, type Tensor1D, tidy, type Variable, variable } from '@tensorflow/tfjs-core';
import { equationResiduals } from '../model/equation-residuals.ts';
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
}

/** An optimiser that reports convergence (see `lbfgs`). */
const convergence = (optimiser: OptimiserInstanceV1): string | undefined => (optimiser as { converged?: string }).converged;

/**
 * Runs the plan's first-order phases (tfjs) on `network` over `problem`'s domain for at most
 * `epochs` epochs: each phase its `epochs`, the last until the budget. A non-finite loss ends
 * with `diverged`, naming the epoch and the term, the best weights seen restored. History
 * epochs are counted from `epochOffset`.
 */
export async function runFirstOrderPhases(plan: TrainingPlan, problem: Problem, network: NetworkV1, history: TrainingHistory, epochOffset: number, epochs: number): Promise<PhaseOutcome> {
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
    let phaseEnd = 0;
    let optimiser: OptimiserInstanceV1 | undefined;
    owned.push({ dispose: () => optimiser?.dispose() });
    let phaseBest = Number.POSITIVE_INFINITY;
    let phaseBestEpoch = 0;
    let epoch = 0;
    let lastYield = performance.now();

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
      const at = epochOffset + epoch;
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
        const converged = convergence(optimiser!);
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
    return { status, ...(reason === undefined ? {} : { reason }), epochs: epoch, learnedParameters };
  } finally {
    for (const each of owned) each.dispose();
  }
}
