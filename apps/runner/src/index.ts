export { type CellSpec, canonicalJson, cellId, cellSpecSchema, type ObservationPlan, observationPlanSchema } from './cells/cell-spec.ts';
export { type Observations, observeReference } from './cells/observe-reference.ts';
export { packageVersions } from './cells/package-versions.ts';
export { type CellHooks, type PreparedCell, prepareCell, runCell } from './cells/run-cell.ts';
export { createProgram, main } from './main.ts';
export { type RunCellsOptions, runCells } from './pool/run-cells.ts';
export { resolveProblem } from './problems/resolve-problem.ts';
export { renderReport } from './report/index.ts';
export {
  type CellResult,
  cellResultSchema,
  type ErrorFigures,
  type GridValues,
  type Method,
  measuredNumberSchema,
  methodSchema,
  toMeasured,
} from './results/cell-result.ts';
export { ResultsFile, readResults } from './results/results-file.ts';
export { expandSuite } from './suite/expand-suite.ts';
export { builtInSuiteNames, type LoadedSuite, loadSuite } from './suite/load-suite.ts';
export { runSuite, type SuiteOutcome, type SuiteRun } from './suite/run-suite.ts';
export { type Suite, suiteSchema } from './suite/suite-schema.ts';
export {
  formatSummaryTable,
  formatVerdictConfusion,
  methodLabels,
  type SummaryRow,
  summarise,
  type VerdictConfusion,
  verdictConfusion,
} from './summary/summary-table.ts';
