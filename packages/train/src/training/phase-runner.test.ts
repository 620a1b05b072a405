import { defineOptimiser, type OptimiserV1, QuadrantError } from '@quadrant/spec';
import { scalar } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TrainingCheckpoint } from '../model/training-checkpoint.ts';
import { createPhaseRunner } from './phase-runner.ts';
import type { PlannedPhase } from './training-plan.ts';

/** An optimiser that counts its steps and keeps the count as its state (none with `keepsState: false`); `log` records builds and frees. */
function countingOptimiser(name: string, log: string[], keepsState = true): OptimiserV1 {
  return defineOptimiser({
    name,
    description: 'counts its steps',
    options: z.object({}),
    create() {
      log.push(`create ${name}`);
      let steps = 0;
      return {
        step: () => {
          steps++;
          return scalar(0);
        },
        ...(keepsState
          ? {
              state: () => ({ optimiser: name, version: 1, data: { steps } }),
              restore: (state) => {
                if (state.optimiser !== name)
                  throw new QuadrantError('ARTEFACT_INVALID', `the state of optimiser '${state.optimiser}' cannot continue '${name}'`);
                steps = state.data.steps as number;
              },
            }
          : {}),
        dispose: () => log.push(`dispose ${name}`),
      };
    },
  });
}
/** Phases a (3 epochs), b (2 epochs), c (the rest). */
const phasesOf = (log: string[], keepsState = true): PlannedPhase[] =>
  (['a', 'b', 'c'] as const).map((name, i) => ({ entry: countingOptimiser(name, log, keepsState), options: {}, epochs: i < 2 ? 3 - i : undefined }));
const takeSteps = (runner: ReturnType<typeof createPhaseRunner>, epoch: number, count: number) => {
  for (let i = 0; i < count; i++)
    runner
      .enter(epoch)
      .optimiser.step(() => undefined as never)
      .dispose();
};

describe('the phase runner', () => {
  it('runs each phase its epochs and the last to the end, building each optimiser when its phase starts and freeing it when it ends', () => {
    const log: string[] = [];
    const runner = createPhaseRunner(phasesOf(log), [], 10);
    const seen = [0, 2, 3, 4, 5, 9].map((epoch) => {
      const { index, name, start, end, last } = runner.enter(epoch);
      return [epoch, index, name, start, end, last];
    });
    expect(seen).toEqual([
      [0, 0, 'a', 0, 3, false],
      [2, 0, 'a', 0, 3, false],
      [3, 1, 'b', 3, 5, false],
      [4, 1, 'b', 3, 5, false],
      [5, 2, 'c', 5, 10, true],
      [9, 2, 'c', 5, 10, true],
    ]);
    runner.dispose();
    expect(log).toEqual(['create a', 'dispose a', 'create b', 'dispose b', 'create c', 'dispose c']);
  });

  it('caps a phase at the end of the run, and gives a phase entered late its own epochs from there', () => {
    const log: string[] = [];
    const runner = createPhaseRunner(phasesOf(log), [], 4);
    expect(runner.enter(0).end).toBe(3);
    expect(runner.enter(3)).toMatchObject({ name: 'b', start: 3, end: 4 });
    runner.dispose();
    const late = createPhaseRunner(phasesOf(log), [], 10);
    expect(late.enter(7)).toMatchObject({ name: 'b', start: 7, end: 9 });
    expect(late.enter(9)).toMatchObject({ name: 'c', start: 9, end: 10 });
    late.dispose();
  });

  it('ends a phase early: the next one starts at that epoch with its own epochs, and the last cannot be ended', () => {
    const runner = createPhaseRunner(phasesOf([]), [], 10);
    runner.enter(0).best = 0.5;
    expect(runner.next(1)).toBe(true);
    expect(runner.enter(2)).toMatchObject({ name: 'b', start: 1, end: 3, best: Number.POSITIVE_INFINITY, bestEpoch: 1 });
    expect(runner.enter(3)).toMatchObject({ name: 'c', start: 3 });
    expect(runner.next(4)).toBe(false);
    expect(runner.enter(4)).toMatchObject({ name: 'c', start: 3 });
    runner.dispose();
  });

  it("continues from its checkpoint in the checkpoint's phase, with its start, plateau tracking and optimiser state", () => {
    const runner = createPhaseRunner(phasesOf([]), [], 10);
    takeSteps(runner, 0, 3);
    takeSteps(runner, 3, 1);
    Object.assign(runner.enter(4), { best: 0.25, bestEpoch: 4 });
    const checkpoint: TrainingCheckpoint = JSON.parse(JSON.stringify(runner.checkpoint(4)));
    expect(checkpoint).toEqual({
      epoch: 4,
      phase: 1,
      phaseStart: 3,
      phaseBest: 0.25,
      phaseBestEpoch: 4,
      optimiser: { optimiser: 'b', version: 1, data: { steps: 1 } },
    });
    runner.dispose();
    const continued = createPhaseRunner(phasesOf([]), [], 10, checkpoint);
    expect(continued.enter(4)).toMatchObject({ index: 1, name: 'b', start: 3, end: 5, best: 0.25, bestEpoch: 4 });
    expect(continued.checkpoint(4)).toEqual(checkpoint);
    takeSteps(continued, 4, 1);
    expect(continued.checkpoint(5).optimiser).toEqual({ optimiser: 'b', version: 1, data: { steps: 2 } });
    continued.enter(5);
    expect(continued.checkpoint(5)).toMatchObject({ phase: 2, phaseStart: 5, optimiser: { optimiser: 'c', data: { steps: 0 } } });
    continued.dispose();
  });

  it('saves a phase without a best as null, and an optimiser without state as null', () => {
    const runner = createPhaseRunner(phasesOf([], false), [], 10);
    expect(runner.checkpoint(0)).toEqual({ epoch: 0, phase: 0, phaseStart: 0, phaseBest: null, phaseBestEpoch: 0, optimiser: null });
    runner.dispose();
  });

  it("refuses a state that the phase's optimiser cannot continue, naming where it came from, and frees that optimiser", () => {
    const log: string[] = [];
    const checkpoint: TrainingCheckpoint = {
      epoch: 4,
      phase: 1,
      phaseStart: 3,
      phaseBest: null,
      phaseBestEpoch: 3,
      optimiser: { optimiser: 'a', version: 1, data: { steps: 2 } },
      source: 'model/training.json: checkpoint',
    };
    const attempt = (phases: PlannedPhase[]) => {
      try {
        createPhaseRunner(phases, [], 10, checkpoint);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const other = attempt(phasesOf(log));
    expect(QuadrantError.hasCode(other, 'ARTEFACT_INVALID')).toBe(true);
    expect((other as Error).message).toBe("model/training.json: checkpoint: optimiser phase 1 (b): the state of optimiser 'a' cannot continue 'b'");
    expect(log).toEqual(['create b', 'dispose b']);
    const stateless = attempt(phasesOf([], false));
    expect((stateless as Error).message).toBe(
      "model/training.json: checkpoint: optimiser phase 1 (b): a saved optimiser state, and 'b' keeps none; continue with the optimisers it was trained with",
    );
  });
});
