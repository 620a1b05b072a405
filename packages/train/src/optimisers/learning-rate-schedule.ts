import { z } from 'zod';

/** A learning-rate schedule: exponential decay (optionally in stairs) or a step decay. */
export const learningRateSchedule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('exponential'),
    /** The rate is multiplied by this every `decaySteps` steps (continuously unless `staircase`). */
    decayRate: z.number().positive().max(1),
    decaySteps: z.int().positive(),
    staircase: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('step'),
    /** The rate is multiplied by `factor` after every `every` steps. */
    factor: z.number().positive().max(1),
    every: z.int().positive(),
  }),
]);

/** A validated learning-rate schedule. */
export type LearningRateSchedule = z.output<typeof learningRateSchedule>;

/** The learning rate at step `step` (0-based) of a schedule starting from `base`. */
export function scheduledRate(base: number, schedule: LearningRateSchedule | undefined, step: number): number {
  if (schedule === undefined) return base;
  if (schedule.kind === 'step') return base * schedule.factor ** Math.floor(step / schedule.every);
  const exponent = step / schedule.decaySteps;
  return base * schedule.decayRate ** (schedule.staircase ? Math.floor(exponent) : exponent);
}
