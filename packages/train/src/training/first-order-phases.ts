import type { NetworkV1, OptimiserInstanceV1, Problem, SamplerInstanceV1, WeightingInstanceV1 } from '@quadrant/spec';
import {
  abs,
  concat,
  dispose,
  max,
  mean,
  reshape,
  type Scalar,
  scalar,
  sum,
  square,
  type Tensor1D,
  type Tensor2D,
  tidy,
  type Variable,
  variable,
} from '@tensorflow/tfjs-core';
import { equationResiduals } from '../model/equation-residuals.ts';
import type { TrainingCheckpoint } from '../model/training-checkpoint.ts';
import { createBestWeights } from './best-weights.ts';
import { createDivergenceGuard, type DivergenceGuard } from './divergence-guard.ts';
import { createLossEvaluator } from './loss-evaluator.ts';
import { createPhaseRunner } from './phase-runner.ts';
import { runStopRules } from './stop-rules.ts';
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
 * `epochs`: each phase its `epochs`, the last until then (`createPhaseRunner`), until one of
 * `runStopRules` gives a reason. From a checkpoint it starts at the checkpoint's epoch, in its
 * phase, with its optimiser state restored and the sampler moved on by the epochs already run,
 * so it steps as the run that saved it would have. A non-finite loss ends with `diverged`,
 * naming the epoch and the term (and for the equation residual, the first point where it is
 * not finite), the best weights seen restored (`createDivergenceGuard`, `createBestWeights`).
 * History epochs are counted from `epochOffset`.
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
  const { callbacks, logEvery } = plan;
  const owned: { dispose(): void }[] = [];
  try {
    const run = setUpRun(plan, problem, network, owned);
    if (checkpoint?.weighting != null) run.weighting.restore?.(checkpoint.weighting);
    const phases = createPhaseRunner(plan.phases, run.trainables, epochs, checkpoint);
    owned.push(phases);
    const best = createBestWeights(run.trainables);
    owned.push(best);
    const guard = createDivergenceGuard({ independent: problem.independent, termNames: run.termNames, squaredResidual: run.squaredResidual, best });
    const stop = runStopRules(plan, phases);
    const step = createEpochStep(run, network, guard, checkpoint);
    const pause = pauseNowAndThen();
    const finish = (status: PhaseOutcome['status'], reason: string | undefined, reached: number): PhaseOutcome => ({
      status,
      ...(reason === undefined ? {} : { reason }),
      epochs: reached - (checkpoint?.epoch ?? 0),
      learnedParameters: Object.fromEntries([...run.learnable].map(([name, each]) => [name, each.dataSync()[0]!])),
      ...(status === 'diverged' ? {} : { checkpoint: { ...phases.checkpoint(reached), weighting: run.weighting.state?.() ?? null } }),
    });

    let epoch = checkpoint?.epoch ?? 0;
    for (; epoch < epochs; epoch++) {
      const phase = phases.enter(epoch);
      const at = epochOffset + epoch;
      const logged = epoch % logEvery === 0 || epoch === epochs - 1;
      // Weights before the step, kept if the loss they give turns out the best so far.
      if (logged) best.snapshot();
      const { total, values, terms } = step(phase.optimiser, epoch);
      best.offer(total);
      const diverged = guard.check(at, total, values);
      if (diverged !== undefined) {
        recordHistory(history, at, total, terms);
        return finish('diverged', diverged, epoch + 1);
      }
      if (logged) {
        recordHistory(history, at, total, terms);
        callbacks?.onProgress?.((epoch + 1) / epochs);
      }
      const reason = stop({ epoch, at, total, terms, phase });
      if (reason !== undefined) {
        if (!logged) recordHistory(history, at, total, terms);
        return finish('stopped', reason, epoch + 1);
      }
      // Awaited only when due, so other promise callbacks do not run between every two epochs.
      const pausing = pause();
      if (pausing !== undefined) await pausing;
    }
    return finish('completed', undefined, epoch);
  } finally {
    for (const each of owned) each.dispose();
  }
}

/** What a first-order run steps on: its variables, sampler and loss, built for one window. */
interface FirstOrderRun {
  /** The network's variables, then the learnable parameters'. */
  readonly trainables: Variable[];
  /** Learnable parameters by name. */
  readonly learnable: ReadonlyMap<string, Variable>;
  readonly termNames: readonly string[];
  readonly sampler: SamplerInstanceV1;
  /** [N, 1] points → [N] squared equation residual. */
  readonly squaredResidual: (points: Tensor2D) => Tensor1D;
  readonly evaluate: ReturnType<typeof createLossEvaluator>;
  /** The terms' own weights, in order, which the weighting's factors multiply. */
  readonly weights: readonly number[];
  readonly weighting: WeightingInstanceV1;
}

/** Builds the parameters (variables for learnable ones), the loss terms, the sampler and the evaluator; each goes to `owned`. */
function setUpRun(plan: TrainingPlan, problem: Problem, network: NetworkV1, owned: { dispose(): void }[]): FirstOrderRun {
  const context = { ...plan.context, problem };
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
  const terms = plan.lossTerms.map((term) => {
    const instance = term.entry.create(context, term.options);
    owned.push(instance);
    return { name: term.name, weight: term.weight, instance };
  });
  const trainables = [...network.variables, ...learnable.values()];
  const sampler = plan.sampler.entry.create({ domain: problem.domain, seed: plan.settings.seed }, plan.sampler.options);
  owned.push(sampler);
  const residuals = equationResiduals(problem, network);
  const squaredResidual = (points: Tensor2D): Tensor1D => tidy(() => sum(square(residuals(points, parameters)), 1));
  const evaluate = createLossEvaluator(network, terms, trainables, parameters);
  const termNames = terms.map((term) => term.name);
  const weighting = plan.weighting.entry.create({ terms: termNames, seed: plan.settings.seed }, plan.weighting.options);
  return { trainables, learnable, termNames, sampler, squaredResidual, evaluate, weights: terms.map((term) => term.weight), weighting };
}

/**
 * One epoch's step: the sampler's points, the optimiser's step on them with each term's weight
 * times the weighting's factor; then the weighting's update with the term values (and, when it
 * asks, each term's gradient statistics on the same points); gives the loss before the step
 * under the terms' own weights, each term's value (in order, and by name). The guard reads the first evaluation.
 * From a checkpoint the sampler's stream first moves on as it did in the epochs already run (an
 * adaptive sampler picks from the residual of the restored weights, not of the weights it saw then).
 */
function createEpochStep(run: FirstOrderRun, network: NetworkV1, guard: DivergenceGuard, checkpoint: TrainingCheckpoint | undefined) {
  const { sampler, squaredResidual, evaluate, termNames, weighting } = run;
  // Each term alone (weight 1, the others 0): its gradient's largest and mean absolute component.
  const gradientStatistics = (collocation: Tensor2D, epoch: number) =>
    termNames.map((_, term) => {
      const alone = evaluate(
        collocation,
        epoch,
        termNames.map((__, i) => (i === term ? 1 : 0)),
      );
      const [largest, average] = tidy(() => {
        const flat = concat(alone.grads.map((grad) => reshape(abs(grad), [-1])));
        return [max(flat).dataSync()[0]!, mean(flat).dataSync()[0]!];
      });
      dispose([alone.value, ...alone.grads, alone.terms]);
      return { max: largest!, mean: average! };
    });
  for (let skipped = 0; skipped < (checkpoint?.epoch ?? 0); skipped++) sampler.points({ epoch: skipped, residual: squaredResidual }).dispose();
  // The evaluator plans its fast path on its first evaluation; a continued run plans it on
  // a throwaway one, so its first step takes the path the uninterrupted run's would.
  let plannedAhead = checkpoint === undefined || network.jetsWithVjp === undefined;
  return (optimiser: OptimiserInstanceV1, epoch: number) => {
    const collocation = sampler.points({ epoch, residual: squaredResidual });
    if (!plannedAhead) {
      const throwaway = evaluate(collocation, epoch);
      dispose([throwaway.value, ...throwaway.grads, throwaway.terms]);
      plannedAhead = true;
    }
    const factors = weighting.factors();
    const weights = run.weights.map((weight, i) => weight * factors[i]!);
    let values: Float32Array | Int32Array | Uint8Array | undefined;
    const value = optimiser.step(() => {
      const evaluation = evaluate(collocation, epoch, weights);
      if (values === undefined) {
        values = evaluation.terms.dataSync();
        guard.inspect(values, collocation);
      }
      evaluation.terms.dispose();
      return evaluation;
    });
    const stepped = values!;
    weighting.update({ epoch, values: [...stepped], gradientStatistics: () => gradientStatistics(collocation, epoch) });
    collocation.dispose();
    // The total under the terms' own weights, so that stop rules, best weights and the history
    // compare epochs on one scale while the weighting's factors move.
    const total = factors.every((factor) => factor === 1) ? value.dataSync()[0]! : run.weights.reduce((sum, weight, i) => sum + weight * stepped[i]!, 0);
    value.dispose();
    return { total, values: stepped, terms: Object.fromEntries(termNames.map((name, i) => [name, stepped[i]!])) };
  };
}

/** Lets timers, signals and progress output run now and then (every 100 ms): a promise to await when due, nothing otherwise. */
function pauseNowAndThen(): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last <= 100) return undefined;
    // setTimeout, not Node's setImmediate: a browser worker has only the former (and messages, such as Stop, arrive then).
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      last = performance.now();
    });
  };
}
