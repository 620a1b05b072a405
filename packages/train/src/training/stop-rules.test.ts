import type { OptimiserInstanceV1 } from '@quadrant/spec';
import { describe, expect, it, vi } from 'vitest';
import type { ActivePhase } from './phase-runner.ts';
import {
  abortStop,
  type EpochReport,
  endsPhase,
  firstStop,
  lossBelowStop,
  onEpochStop,
  optimiserConverged,
  plateauStop,
  runStopRules,
  type StopRule,
} from './stop-rules.ts';

const phaseOf = (overrides: Partial<ActivePhase> = {}, converged?: string): ActivePhase => {
  const optimiser: OptimiserInstanceV1 = { step: () => undefined as never, dispose: () => undefined, converged };
  return { index: 0, name: 'lbfgs', optimiser, start: 0, end: 100, last: true, best: Number.POSITIVE_INFINITY, bestEpoch: 0, ...overrides };
};
const report = (overrides: Partial<EpochReport> = {}): EpochReport => ({
  epoch: 5,
  at: 15,
  total: 0.5,
  terms: { residual: 0.5 },
  phase: phaseOf(),
  ...overrides,
});

describe('stop rules', () => {
  it('firstStop gives the first reason and asks no rule after it', () => {
    const later = vi.fn<StopRule>(() => 'later');
    const rule = firstStop([() => undefined, () => 'first', later]);
    expect(rule(report())).toBe('first');
    expect(later).not.toHaveBeenCalled();
    expect(firstStop([() => undefined])(report())).toBeUndefined();
  });

  it("onEpochStop reports every epoch to the callback and stops when it returns 'stop'", () => {
    const onEpoch = vi.fn((info: { epoch: number }) => (info.epoch === 15 ? ('stop' as const) : undefined));
    const rule = onEpochStop({ onEpoch });
    expect(rule(report({ at: 14 }))).toBeUndefined();
    expect(rule(report())).toBe('stopped by the onEpoch callback at epoch 15');
    expect(onEpoch).toHaveBeenLastCalledWith({ epoch: 15, total: 0.5, terms: { residual: 0.5 } });
    expect(onEpochStop(undefined)(report())).toBeUndefined();
  });

  it('abortStop stops once the signal is aborted', () => {
    const controller = new AbortController();
    const rule = abortStop(controller.signal);
    expect(rule(report())).toBeUndefined();
    controller.abort();
    expect(rule(report())).toBe('aborted at epoch 15');
    expect(abortStop(undefined)(report())).toBeUndefined();
  });

  it('lossBelowStop stops strictly below its threshold, and never without one', () => {
    const rule = lossBelowStop(1e-2);
    expect(rule(report({ total: 1e-2 }))).toBeUndefined();
    expect(rule(report({ total: 9.9e-3 }))).toBe('loss 9.900e-3 below 0.01 at epoch 15');
    expect(lossBelowStop(undefined)(report({ total: 0 }))).toBeUndefined();
  });

  it('optimiserConverged gives the optimiser’s own reason once it has one', () => {
    expect(optimiserConverged(report())).toBeUndefined();
    expect(optimiserConverged(report({ phase: phaseOf({}, 'step below 1e-9') }))).toBe('lbfgs converged (step below 1e-9) at epoch 15');
  });

  it('plateauStop tracks the last phase’s best in the phase and stops after `patience` epochs without a relative improvement', () => {
    const rule = plateauStop({ patience: 3, relative: 0.1 });
    const phase = phaseOf();
    const at = (epoch: number, total: number) => rule(report({ epoch, at: epoch + 10, total, phase }));
    expect(at(0, 1)).toBeUndefined();
    expect([phase.best, phase.bestEpoch]).toEqual([1, 0]);
    expect(at(1, 0.95)).toBeUndefined();
    expect(at(2, 0.85)).toBeUndefined();
    expect([phase.best, phase.bestEpoch]).toEqual([0.85, 2]);
    expect(at(3, 0.8)).toBeUndefined();
    expect(at(4, 0.8)).toBeUndefined();
    expect(at(5, 0.8)).toBe('loss plateaued (no 0.1 relative improvement in 3 epochs) at epoch 15');
  });

  it('plateauStop leaves earlier phases alone, and does nothing without settings', () => {
    const earlier = phaseOf({ last: false, bestEpoch: 0 });
    expect(plateauStop({ patience: 1, relative: 0 })(report({ epoch: 50, phase: earlier }))).toBeUndefined();
    expect(earlier.best).toBe(Number.POSITIVE_INFINITY);
    expect(plateauStop(undefined)(report({ epoch: 50 }))).toBeUndefined();
  });

  it('endsPhase starts the next phase at the epoch when there is one, and stops the run after the last', () => {
    const next = vi.fn((epoch: number) => epoch < 10);
    const rule = endsPhase((each) => (each.total < 1 ? 'done' : undefined), { next });
    expect(rule(report({ total: 2 }))).toBeUndefined();
    expect(next).not.toHaveBeenCalled();
    expect(rule(report({ epoch: 5 }))).toBeUndefined();
    expect(next).toHaveBeenLastCalledWith(5);
    expect(rule(report({ epoch: 12 }))).toBe('done');
  });

  it("a run's rules: onEpoch sees every epoch and answers first; a phase's plateau is tracked only while nothing else stops the run", () => {
    const controller = new AbortController();
    const onEpoch = vi.fn(() => 'stop' as const);
    const settings = { stop: { lossBelow: 1, plateau: { patience: 1, relative: 0 } } };
    const next = vi.fn(() => false);
    const phase = phaseOf();
    controller.abort();
    const stop = runStopRules({ callbacks: { onEpoch }, signal: controller.signal, settings }, { next });
    expect(stop(report({ total: 0.5, phase }))).toBe('stopped by the onEpoch callback at epoch 15');
    const quiet = runStopRules({ callbacks: undefined, signal: controller.signal, settings }, { next });
    expect(quiet(report({ total: 0.5, phase }))).toBe('aborted at epoch 15');
    const unsignalled = runStopRules({ callbacks: undefined, signal: undefined, settings }, { next });
    expect(unsignalled(report({ total: 0.5, phase }))).toBe('loss 5.000e-1 below 1 at epoch 15');
    expect(phase.best).toBe(Number.POSITIVE_INFINITY);
    expect(unsignalled(report({ epoch: 5, total: 2, phase }))).toBeUndefined();
    expect([phase.best, phase.bestEpoch]).toEqual([2, 5]);
    expect(unsignalled(report({ epoch: 6, total: 2, phase }))).toBe('loss plateaued (no 0 relative improvement in 1 epochs) at epoch 15');
    expect(next).toHaveBeenCalledWith(6);
  });
});
