import { defineOptimiser } from '@quadrant/spec';
import { add, mul, scalar, sub, type Tensor } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { learningRateSchedule } from './learning-rate-schedule.ts';
import { readOptimiserState, restoreSlots, savedSlots, slotValues } from './optimiser-state.ts';
import { type StepCount, scheduledStep } from './scheduled-step.ts';
import { zeroSlots } from './zero-slots.ts';

/** Options of `sgd`. */
export const sgdOptimiserOptions = z.strictObject({
  learningRate: z.number().positive().default(1e-2),
  momentum: z.number().min(0).lt(1).default(0),
  schedule: learningRateSchedule.optional(),
});

/** Layout of sgd's saved state: `steps`, and the momentum `buffers` (one array per variable) when momentum is on. */
const sgdState = z.strictObject({ steps: z.int().nonnegative(), buffers: savedSlots.optional() });
const sgdStateVersion = 1;

/**
 * Stochastic gradient descent, with heavy-ball momentum as PyTorch's `torch.optim.SGD`:
 * b ← μ·b + g, θ ← θ − lr·b (b = g when μ = 0). Options: `learningRate` (1e-2), `momentum` (0),
 * optional `schedule` as for `adam`. Its state (version 1): the step count (the schedule's
 * position) and, with momentum, the momentum buffers.
 */
export const sgdOptimiser = defineOptimiser({
  name: 'sgd',
  description: 'stochastic gradient descent with optional momentum and learning-rate schedule',
  options: sgdOptimiserOptions,
  create(variables, options) {
    const buffers = options.momentum > 0 ? zeroSlots(variables) : undefined;
    const count: StepCount = { steps: 0 };
    return {
      step: scheduledStep(options, count, (grads, rate, step) => {
        const learningRate = scalar(rate);
        const momentum = scalar(options.momentum);
        variables.forEach((each, i) => {
          let direction = grads[i]! as Tensor;
          if (buffers !== undefined) {
            direction = step === 1 ? direction : add(mul(momentum, buffers[i]!), direction);
            buffers[i]!.assign(direction);
          }
          each.assign(sub(each, mul(learningRate, direction)));
        });
      }),
      state() {
        return { optimiser: 'sgd', version: sgdStateVersion, data: { steps: count.steps, ...(buffers === undefined ? {} : { buffers: slotValues(buffers) }) } };
      },
      restore(state) {
        const saved = readOptimiserState(state, 'sgd', sgdStateVersion, sgdState);
        // Buffers of zeros are what a fresh momentum starts from, so a state saved without momentum restores into one with it.
        if (buffers !== undefined && saved.buffers !== undefined) restoreSlots(buffers, saved.buffers, 'sgd state: buffers');
        count.steps = saved.steps;
      },
      dispose() {
        for (const each of buffers ?? []) each.dispose();
      },
    };
  },
});
