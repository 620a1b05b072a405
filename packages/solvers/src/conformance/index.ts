export { closedFormAt, closedFormSystem } from './closed-form-system.ts';
export { type SolverConformanceSettings, type SolverConvergence, solverConformance } from './solver-conformance.ts';
