export { eulerSolver } from './euler-solver.ts';
export { type FixedStepOptions, fixedStepOptions } from './fixed-step-solve.ts';
export { type OdexOptions, odexOptions, odexSolver } from './odex-solver.ts';
export { rk4Solver } from './rk4-solver.ts';
export { type RodasOptions, rodasOptions, rodasSolver } from './rodas-solver.ts';
export { type ProblemSolution, type SolveProblemSettings, solveProblem } from './solve-problem.ts';
export { type ReferenceSolution, type SolveReferenceSettings, solveReference } from './solve-reference.ts';
export { solversPlugin } from './solvers-plugin.ts';
