import type { OptimiserInstanceV1 } from '@quadrant/spec';
import { type Tensor, tidy } from '@tensorflow/tfjs-core';
import { type LearningRateSchedule, scheduledRate } from './learning-rate-schedule.ts';

/**
 * The `step` of a first-order optimiser: evaluates the closure once, hands the gradients, this
 * step's learning rate and the 1-based step count to `update` (inside one tidy), frees the
 * gradients and returns the loss.
 */
export function scheduledStep(
  options: { readonly learningRate: number; readonly schedule?: LearningRateSchedule | undefined },
  update: (grads: readonly Tensor[], rate: number, step: number) => void,
): OptimiserInstanceV1['step'] {
  let steps = 0;
  return (closure) => {
    const { value, grads } = closure();
    const rate = scheduledRate(options.learningRate, options.schedule, steps);
    steps++;
    tidy(() => update(grads, rate, steps));
    for (const gradient of grads) gradient.dispose();
    return value;
  };
}
