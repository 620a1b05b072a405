import { type Problem, QuadrantError } from '@quadrant/spec';
import { odexSolver } from './odex-solver.ts';
import { rodasSolver } from './rodas-solver.ts';
import { type ProblemSolution, solveProblem } from './solve-problem.ts';

/** Where to solve a reference, with which parameters, and how many steps odex may take before the stiff solver takes over. */
export interface SolveReferenceSettings {
  /** Strictly increasing points of the independent variable, all ≥ the domain's start. */
  readonly grid: Float64Array;
  /** Parameter values that replace the problem's (a learned estimate, a sweep). */
  readonly parameters?: Readonly<Record<string, number>>;
  /**
   * Steps odex may take (its `maxSteps`) before the problem counts as stiff; default 5000. The
   * built-in non-stiff problems need under 100; Robertson's needs over 20 000 to t = 40.
   */
  readonly odexSteps?: number;
}

/** A reference solution and how it was obtained. */
export interface ReferenceSolution extends ProblemSolution {
  /** Why odex's solution was not used (its `SOLVER_FAILED` message) when `solver` is `rodas`; undefined when odex solved it. */
  readonly fallbackReason: string | undefined;
}

/** Tolerances of the stiff fallback: as tight as odex's, since a reference should be far more accurate than what it scores. */
const stiffOptions = { relativeTolerance: 1e-10, absoluteTolerance: 1e-12 };

/**
 * The reference solution of a problem on a grid: odex (tolerances 1e-10) where it succeeds
 * within `odexSteps`, else the stiff solver `rodas` (relative tolerance 1e-10, absolute 1e-12).
 * Odex on a stiff problem crawls at the step its stability allows, so exceeding the budget is
 * the sign of stiffness; any other odex failure also hands over. `solver` says which solved it.
 * @throws QuadrantError `SOLVER_FAILED` from `rodas` (naming t) when both fail; `INPUT_INVALID`
 *   for a bad grid or parameter override
 */
export function solveReference(problem: Problem, settings: SolveReferenceSettings): ReferenceSolution {
  const shared = { grid: settings.grid, ...(settings.parameters === undefined ? {} : { parameters: settings.parameters }) };
  try {
    const solution = solveProblem(problem, { ...shared, solver: odexSolver, options: { maxSteps: settings.odexSteps ?? 5000 } });
    return { ...solution, fallbackReason: undefined };
  } catch (error) {
    if (!QuadrantError.hasCode(error, 'SOLVER_FAILED')) throw error;
    const solution = solveProblem(problem, { ...shared, solver: rodasSolver, options: stiffOptions });
    return { ...solution, fallbackReason: error.message };
  }
}
