import { definePreset } from '@quadrant/spec';
import type { TrainingSettingsInput } from '../settings/training-settings-schema.ts';
import { quadrantTraining } from './quadrant-training.ts';

/**
 * The DE-solver quadrant trained in tfjs: one tanh MLP over the whole domain with an exact
 * initial condition, Adam then L-BFGS (the `solver` defaults before time marching). For
 * architectures without a float64 path, which the `solver` preset's Levenberg–Marquardt needs
 * (plug-ins), and for comparison: it settles on fixed points that marching escapes.
 */
export const solverFirstOrderPreset = definePreset({
  name: 'solver-first-order',
  description: 'train on the equation alone in tfjs: one network over the domain, exact initial condition, Adam then L-BFGS',
  settings: {
    ...quadrantTraining,
    initialCondition: 'exact',
    losses: { residual: { weight: 1 }, 'initial-condition': { weight: 1 } },
  } satisfies TrainingSettingsInput,
});
