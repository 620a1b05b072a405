import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';
import { quadrantTraining } from './quadrant-training.ts';

/** The PINN quadrant: data, residual and initial condition (exact by default), Adam then L-BFGS. */
export const pinnPreset = definePreset({
  name: 'pinn',
  description: 'train on data and the equation: data + residual + initial condition, Adam then L-BFGS',
  settings: {
    ...quadrantTraining,
    initialCondition: 'exact',
    losses: { data: { weight: 1 }, residual: { weight: 1 }, 'initial-condition': { weight: 1 } },
  } satisfies TrainingSettingsInput,
});
