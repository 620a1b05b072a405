import { definePlugin } from '@quadrant/spec';
import { dataLoss } from './data-loss.ts';
import { energyLoss } from './energy-loss.ts';
import { initialConditionLoss } from './initial-condition-loss.ts';
import { residualLoss } from './residual-loss.ts';

/** The built-in loss terms as a plugin, the same way a user's plugin adds its own: `residual`, `initial-condition`, `data`, `energy`. */
export const lossesPlugin = definePlugin({
  name: '@quadrant/losses',
  losses: [residualLoss, initialConditionLoss, dataLoss, energyLoss],
});
