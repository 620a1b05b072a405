import { defineOptimiser } from '@quadrant/spec';
import { add, div, mul, scalar, sqrt, square, sub, type Tensor } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { learningRateSchedule } from './learning-rate-schedule.ts';
import { readOptimiserState, restoreSlots, savedSlots, slotValues } from './optimiser-state.ts';
import { type StepCount, scheduledStep } from './scheduled-step.ts';
import { zeroSlots } from './zero-slots.ts';

/** Options of `adam`. */
export const adamOptimiserOptions = z.strictObject({
  learningRate: z.number().positive().default(1e-3),
  beta1: z.number().min(0).lt(1).default(0.9),
  beta2: z.number().min(0).lt(1).default(0.999),
  epsilon: z.number().positive().default(1e-8),
  schedule: learningRateSchedule.optional(),
});

/** Layout of adam's saved state: `steps`, `firstMoments` and `secondMoments` (one array per variable). */
const adamState = z.strictObject({ steps: z.int().nonnegative(), firstMoments: savedSlots, secondMoments: savedSlots });
const adamStateVersion = 1;

/**
 * Adam (Kingma and Ba 2015) with bias correction, as PyTorch's `torch.optim.Adam`:
 * m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², θ ← θ − lr·m̂/(√v̂ + ε).
 * Options: `learningRate` (1e-3), `beta1` (0.9), `beta2` (0.999), `epsilon` (1e-8), and an
 * optional `schedule` (`{ kind: 'exponential', decayRate, decaySteps }` or `{ kind: 'step', factor, every }`).
 * Its state (version 1): the step count and both moments, so a restored Adam continues exactly.
 */
export const adamOptimiser = defineOptimiser({
  name: 'adam',
  description: 'Adam with bias correction and an optional learning-rate schedule',
  options: adamOptimiserOptions,
  create(variables, options) {
    const firstMoments = zeroSlots(variables);
    const secondMoments = zeroSlots(variables);
    const count: StepCount = { steps: 0 };
    return {
      step: scheduledStep(options, count, (grads, rate, step) => {
        const beta1 = scalar(options.beta1);
        const beta2 = scalar(options.beta2);
        const oneMinusBeta1 = scalar(1 - options.beta1);
        const oneMinusBeta2 = scalar(1 - options.beta2);
        // Bias corrections folded into one step size and a rescaled ε (PyTorch's formulation).
        const correction2 = Math.sqrt(1 - options.beta2 ** step);
        const stepSize = scalar((rate * correction2) / (1 - options.beta1 ** step));
        const epsilon = scalar(options.epsilon * correction2);
        variables.forEach((each, i) => {
          const gradient = grads[i]! as Tensor;
          const m = add(mul(beta1, firstMoments[i]!), mul(oneMinusBeta1, gradient));
          const v = add(mul(beta2, secondMoments[i]!), mul(oneMinusBeta2, square(gradient)));
          firstMoments[i]!.assign(m);
          secondMoments[i]!.assign(v);
          each.assign(sub(each, mul(stepSize, div(m, add(sqrt(v), epsilon)))));
        });
      }),
      state() {
        return {
          optimiser: 'adam',
          version: adamStateVersion,
          data: { steps: count.steps, firstMoments: slotValues(firstMoments), secondMoments: slotValues(secondMoments) },
        };
      },
      restore(state) {
        const saved = readOptimiserState(state, 'adam', adamStateVersion, adamState);
        restoreSlots(firstMoments, saved.firstMoments, 'adam state: firstMoments');
        restoreSlots(secondMoments, saved.secondMoments, 'adam state: secondMoments');
        count.steps = saved.steps;
      },
      dispose() {
        for (const each of [...firstMoments, ...secondMoments]) each.dispose();
      },
    };
  },
});
