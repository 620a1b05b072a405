import { compileProblem } from '@quadrant/equations';
import { formatZodError, type Problem, QuadrantError, type SolutionV1, type SolverV1 } from '@quadrant/spec';
import { odexSolver } from './odex-solver.ts';

/** How to solve a problem: where, with which solver and options, and with which parameter values. */
export interface SolveProblemSettings {
  /** Strictly increasing points of the independent variable, all ≥ the domain's start. */
  readonly grid: Float64Array;
  /** Default: {@link odexSolver}. */
  readonly solver?: SolverV1;
  /** Raw options, parsed by `solver.options` (so `{}` or absent gives its defaults). */
  readonly options?: unknown;
  /** Parameter values that replace the problem's (a learned estimate, a sweep). */
  readonly parameters?: Readonly<Record<string, number>>;
}

/** A problem's classical solution on a grid. */
export interface ProblemSolution {
  /** Registry name of the solver used. */
  readonly solver: string;
  readonly grid: Float64Array;
  /** Each unknown's value on the grid, by name ([grid.length] each). */
  readonly unknowns: Readonly<Record<string, Float64Array>>;
  /** Every state component (the unknowns and their derivatives below their orders), with the solver's work. */
  readonly solution: SolutionV1;
}

/**
 * Compiles a problem and solves it on a grid, by default with the `odex` reference solver.
 * The grid may start after the domain's start (the solver integrates up to it first) and
 * may reach past the domain's end (extrapolation).
 * @throws QuadrantError `OPTIONS_INVALID` when the options fail the solver's schema;
 *   `INPUT_INVALID` for a bad grid or parameter override; `SOLVER_FAILED` naming t when the
 *   solution cannot be continued
 */
export function solveProblem(problem: Problem, settings: SolveProblemSettings): ProblemSolution {
  const solver = settings.solver ?? odexSolver;
  const parsed = solver.options.safeParse(settings.options ?? {});
  if (!parsed.success) {
    throw new QuadrantError('OPTIONS_INVALID', formatZodError(problem.name, parsed.error, { entry: solver.name }), { cause: parsed.error });
  }
  const compiled = compileProblem(problem, settings.parameters);
  const solution = solver.solve(compiled.system, { grid: settings.grid }, parsed.data);
  const unknowns: Record<string, Float64Array> = {};
  for (const { name } of problem.unknowns) unknowns[name] = solution.values[compiled.unknownIndex[name]!]!;
  return { solver: solver.name, grid: solution.grid, unknowns, solution };
}
