import { defineOptimiser } from '@quadrant/spec';
import { add, mul, scalar, sub, type Tensor } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { learningRateSchedule } from './learning-rate-schedule.ts';
import { scheduledStep } from './scheduled-step.ts';
import { zeroSlots } from './zero-slots.ts';

/** Options of `sgd`. */
export const sgdOptimiserOptions = z.strictObject({
  learningRate: z.number().positive().default(1e-2),
  momentum: z.number().min(0).lt(1).default(0),
  schedule: learningRateSchedule.optional(),
});

/**
 * Stochastic gradient descent, with heavy-ball momentum as PyTorch's `torch.optim.SGD`:
 * b ← μ·b + g, θ ← θ − lr·b (b = g when μ = 0). Options: `learningRate` (1e-2), `momentum` (0),
 * optional `schedule` as for `adam`.
 */
export const sgdOptimiser = defineOptimiser({
  name: 'sgd',
  description: 'stochastic gradient descent with optional momentum and learning-rate schedule',
  options: sgdOptimiserOptions,
  create(variables, options) {
    const buffers = options.momentum > 0 ? zeroSlots(variables) : undefined;
    return {
      step: scheduledStep(options, (grads, rate, step) => {
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
      dispose() {
        for (const each of buffers ?? []) each.dispose();
      },
    };
  },
});
