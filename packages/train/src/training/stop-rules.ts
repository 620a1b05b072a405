import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import type { ActivePhase, PhaseRunner } from './phase-runner.ts';
import type { TrainingCallbacks, TrainingPlan } from './training-plan.ts';

/** What a stop rule sees after an epoch's step. */
export interface EpochReport {
  /** Index of the epoch within this stretch of training (phases and plateaus count these). */
  readonly epoch: number;
  /** The same epoch as the run counts it (history, callbacks and reasons). */
  readonly at: number;
  /** Total loss before the epoch's update. */
  readonly total: number;
  /** Each term's unweighted value, by name. */
  readonly terms: Readonly<Record<string, number>>;
  /** The optimiser phase the epoch ran in. */
  readonly phase: ActivePhase;
}

/** Decides after an epoch whether to stop: the reason, or nothing to go on. */
export type StopRule = (report: EpochReport) => string | undefined;

/** The first reason one of `rules` gives, asking them in order; later rules are not asked once one has answered. */
export function firstStop(rules: readonly StopRule[]): StopRule {
  return (report) => {
    for (const rule of rules) {
      const reason = rule(report);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
}

/** Stops when the `onEpoch` callback, called with every epoch, returns `'stop'`. */
export function onEpochStop(callbacks: TrainingCallbacks | undefined): StopRule {
  return ({ at, total, terms }) =>
    callbacks?.onEpoch?.({ epoch: at, total, terms }) === 'stop' ? `stopped by the onEpoch callback at epoch ${at}` : undefined;
}

/** Stops once `signal` is aborted. */
export function abortStop(signal: AbortSignal | undefined): StopRule {
  return ({ at }) => (signal?.aborted ? `aborted at epoch ${at}` : undefined);
}

/** Stops when the total loss falls below `threshold` (never without one). */
export function lossBelowStop(threshold: number | undefined): StopRule {
  return ({ at, total }) => (threshold !== undefined && total < threshold ? `loss ${total.toExponential(3)} below ${threshold} at epoch ${at}` : undefined);
}

/** Ends the phase once its optimiser says it has converged. */
export const optimiserConverged: StopRule = ({ at, phase }) => {
  const converged = phase.optimiser.converged;
  return converged === undefined ? undefined : `${phase.name} converged (${converged}) at epoch ${at}`;
};

/**
 * Ends the last phase when its loss has not improved on the phase's best by the `relative`
 * share for `patience` epochs (earlier phases always run their epochs; never without settings).
 * It keeps the phase's best in the phase, so a checkpoint carries it.
 */
export function plateauStop(plateau: { readonly patience: number; readonly relative: number } | undefined): StopRule {
  return ({ epoch, at, total, phase }) => {
    if (plateau === undefined || !phase.last) return undefined;
    if (total < phase.best * (1 - plateau.relative)) {
      phase.best = total;
      phase.bestEpoch = epoch;
      return undefined;
    }
    return epoch - phase.bestEpoch >= plateau.patience
      ? `loss plateaued (no ${plateau.relative} relative improvement in ${plateau.patience} epochs) at epoch ${at}`
      : undefined;
  };
}

/**
 * A rule for the end of a phase: when `rule` gives a reason, the next phase starts and training
 * goes on; after the last phase the reason stops the run.
 */
export function endsPhase(rule: StopRule, phases: Pick<PhaseRunner, 'next'>): StopRule {
  return (report) => {
    const reason = rule(report);
    return reason !== undefined && !phases.next(report.epoch) ? reason : undefined;
  };
}

/**
 * The stop rules of a run, asked after every epoch in this order: the `onEpoch` callback (so it
 * sees every epoch), the abort signal, `stop.lossBelow`; then, to end the active phase, its
 * optimiser's convergence and `stop.plateau`, asked only when nothing above stopped the run.
 */
export function runStopRules(
  plan: Pick<TrainingPlan, 'callbacks' | 'signal'> & { readonly settings: Pick<TrainingSettings, 'stop'> },
  phases: Pick<PhaseRunner, 'next'>,
): StopRule {
  const { stop } = plan.settings;
  return firstStop([
    onEpochStop(plan.callbacks),
    abortStop(plan.signal),
    lossBelowStop(stop.lossBelow),
    endsPhase(firstStop([optimiserConverged, plateauStop(stop.plateau)]), phases),
  ]);
}
