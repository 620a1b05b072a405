import { definePlugin } from '@quadrant/spec';
import { dataLoss } from './data-loss.ts';
import { energyLoss } from './energy-loss.ts';
import { initialConditionLoss } from './initial-condition-loss.ts';
import { residualLoss } from './residual-loss.ts';
import { fixedWeighting } from './weightings/fixed-weighting.ts';
import { lrAnnealingWeighting } from './weightings/lr-annealing-weighting.ts';
import { relobraloWeighting } from './weightings/relobralo-weighting.ts';
import { softadaptWeighting } from './weightings/softadapt-weighting.ts';

/**
 * The built-in loss terms and weighting schemes as a plugin, the same way a user's plugin adds
 * its own: terms `residual`, `initial-condition`, `data`, `energy`; weightings `fixed`,
 * `lr-annealing`, `relobralo`, `softadapt`.
 */
export const lossesPlugin = definePlugin({
  name: '@quadrant/losses',
  losses: [residualLoss, initialConditionLoss, dataLoss, energyLoss],
  weightings: [fixedWeighting, lrAnnealingWeighting, relobraloWeighting, softadaptWeighting],
});
