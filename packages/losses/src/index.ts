export { dataLoss } from './data-loss.ts';
export { energyLoss } from './energy-loss.ts';
export { initialConditionLoss } from './initial-condition-loss.ts';
export { lossesPlugin } from './losses-plugin.ts';
export { residualLoss } from './residual-loss.ts';
export { fixedWeighting } from './weightings/fixed-weighting.ts';
export { lrAnnealingWeighting, lrAnnealingWeightingOptions } from './weightings/lr-annealing-weighting.ts';
export { relobraloWeighting, relobraloWeightingOptions } from './weightings/relobralo-weighting.ts';
export { softadaptWeighting, softadaptWeightingOptions } from './weightings/softadapt-weighting.ts';
