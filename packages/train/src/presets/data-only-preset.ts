import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';
import { quadrantTraining } from './quadrant-training.ts';

/** The data-only quadrant: a plain regression on the observations, with the same network and optimisers as `pinn`. */
export const dataOnlyPreset = definePreset({
  name: 'data-only',
  description: 'fit the observations alone (no equation): the data term, Adam then L-BFGS',
  settings: {
    ...quadrantTraining,
    initialCondition: 'soft',
    losses: { data: { weight: 1 } },
  } satisfies TrainingSettingsInput,
});
