import { defineOptimiser } from '@quadrant/spec';
import { add, mul, scalar, sub, type Tensor, tidy, type Variable, variable, zerosLike } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { learningRateSchedule, scheduledRate } from './learning-rate-schedule.ts';

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
    const buffers: Variable[] | undefined =
      options.momentum > 0 ? variables.map((each) => tidy(() => variable(zerosLike(each), false))) : undefined;
    let steps = 0;
    return {
      step(closure) {
        const { value, grads } = closure();
        const rate = scheduledRate(options.learningRate, options.schedule, steps);
        steps++;
        tidy(() => {
          const learningRate = scalar(rate);
          const momentum = scalar(options.momentum);
          variables.forEach((each, i) => {
            let direction = grads[i]! as Tensor;
            if (buffers !== undefined) {
              direction = steps === 1 ? direction : add(mul(momentum, buffers[i]!), direction);
              buffers[i]!.assign(direction);
            }
            each.assign(sub(each, mul(learningRate, direction)));
          });
        });
        for (const gradient of grads) gradient.dispose();
        return value;
      },
      dispose() {
        for (const each of buffers ?? []) each.dispose();
      },
    };
  },
});
