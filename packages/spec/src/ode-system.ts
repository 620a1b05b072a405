import type { ZodType } from 'zod';

/**
 * A first-order system y' = f(t, y) with y(t0) = y0, in plain numbers: what classical
 * solvers integrate. `@quadrant/equations` reduces any problem to one.
 */
export interface FirstOrderSystemV1 {
  /** Names of the state components, e.g. `["y", "y'"]` for a second-order unknown `y`. */
  readonly names: readonly string[];
  readonly t0: number;
  readonly y0: Float64Array;
  /** Writes f(t, y) into `out` (length = names.length). Must not keep `y` or `out`. */
  rhs(t: number, y: Float64Array, out: Float64Array): void;
  /**
   * Optional: writes ∂f_i/∂y_k at (t, y) into `out`, row-major [n × n] (`out[i * n + k]`).
   * Implicit solvers and second-order training use it; without it they difference `rhs`.
   */
  jacobian?(t: number, y: Float64Array, out: Float64Array): void;
}

/** Values of every state component on a grid, component-major: `values[c][i]` is component c at `grid[i]`. */
export interface SolutionV1 {
  readonly solver: string;
  readonly names: readonly string[];
  readonly grid: Float64Array;
  readonly values: readonly Float64Array[];
  /** Work done: accepted steps and right-hand-side evaluations. */
  readonly stats: { readonly steps: number; readonly evaluations: number };
}

/** What the caller asks of a solver: the points at which it wants the solution. */
export interface SolveRequestV1 {
  /** Strictly increasing points, all ≥ the system's t0. */
  readonly grid: Float64Array;
}

/**
 * A classical ODE solver. Throws `QuadrantError` `SOLVER_FAILED` naming the time when the
 * right-hand side turns non-finite or the step size collapses, rather than returning NaN.
 */
export interface SolverV1<Options = unknown> {
  readonly specVersion: 'v1';
  /** Registry key, kebab-case: what users type (`odex`, `rk4`). */
  readonly name: string;
  readonly description: string;
  readonly options: ZodType<Options>;
  solve(system: FirstOrderSystemV1, request: SolveRequestV1, options: Options): SolutionV1;
}
