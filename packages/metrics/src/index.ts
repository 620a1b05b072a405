export { errorCurve } from './error-curve.ts';
export { type ErrorFigures, errorFigures } from './error-figures.ts';
export { errorFiguresOfComponents } from './error-figures-of-components.ts';
export { maxAbsError } from './max-abs-error.ts';
export { mse } from './mse.ts';
export { type ErrorInterval, perInterval } from './per-interval.ts';
export { relativeL2 } from './relative-l2.ts';
export { residualRms } from './residual-rms.ts';
export { rmse } from './rmse.ts';
