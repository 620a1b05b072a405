export { dataLoss } from './data-loss.ts';
export { energyLoss } from './energy-loss.ts';
export { initialConditionLoss } from './initial-condition-loss.ts';
export { lossesPlugin } from './losses-plugin.ts';
export { residualLoss } from './residual-loss.ts';
