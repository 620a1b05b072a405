import type { OptimiserInstanceV1 } from '@quadrant/spec';
import { type Tensor, tidy } from '@tensorflow/tfjs-core';
import { type LearningRateSchedule, scheduledRate } from './learning-rate-schedule.ts';

/** Steps a first-order optimiser has taken: its learning-rate schedule's position, saved and restored with its state. */
export interface StepCount {
  steps: number;
}

/**
 * The `step` of a first-order optimiser: evaluates the closure once, hands the gradients, this
 * step's learning rate and the 1-based step count to `update` (inside one tidy), frees the
 * gradients and returns the loss. `count` is advanced by each step; a restored optimiser sets it.
 */
export function scheduledStep(
  options: { readonly learningRate: number; readonly schedule?: LearningRateSchedule | undefined },
  count: StepCount,
  update: (grads: readonly Tensor[], rate: number, step: number) => void,
): OptimiserInstanceV1['step'] {
  return (closure) => {
    const { value, grads } = closure();
    const rate = scheduledRate(options.learningRate, options.schedule, count.steps);
    count.steps++;
    tidy(() => update(grads, rate, count.steps));
    for (const gradient of grads) gradient.dispose();
    return value;
  };
}
