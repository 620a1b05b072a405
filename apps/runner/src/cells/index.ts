// `@quadrant/runner/cells`: one cell, prepared, run and drawn, with nothing that needs Node
// (no file system, worker threads or pools), so a browser page trains and charts a cell exactly
// as `quadrant run` and the report do.
export { type CellSpec, cellId, cellSpecSchema, networkMethods } from './cell-spec.ts';
export { type CellHooks, type PreparedCell, prepareCell, runCell } from './run-cell.ts';
export { cellFigures, cellLabel, type LossHistory, lossFigure } from '../report/cell-figures.ts';
export type { ReportFigure } from '../report/report-figure.ts';
export { type CellResult, cellResultSchema, type Method, methodSchema } from '../results/cell-result.ts';
export { describeVerdict } from '../results/describe-verdict.ts';
