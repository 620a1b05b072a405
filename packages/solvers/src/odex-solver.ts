import { defineSolver, QuadrantError } from '@quadrant/spec';
import odex from 'odex';
import { z } from 'zod';
import { checkGrid } from './check-grid.ts';
import { checkedRhs } from './checked-rhs.ts';

// A default import of the CommonJS module: Node and bundlers both give its `module.exports`, so the
// solver loads in a browser too (types/odex.d.ts declares the part used here).
const { Outcome, Solver } = odex;

/** Options of `odex`: error tolerances per step and a cap on the number of steps. */
export const odexOptions = z.object({
  absoluteTolerance: z.number().positive().default(1e-10),
  relativeTolerance: z.number().positive().default(1e-10),
  /** Steps (accepted and rejected) before giving up with `SOLVER_FAILED`. */
  maxSteps: z.int().positive().default(100_000),
});

/** Parsed options of `odex`. */
export type OdexOptions = z.output<typeof odexOptions>;

/**
 * Gragg–Bulirsch–Stoer extrapolation with adaptive steps (`odex`, E. Hairer and G. Wanner's
 * ODEX through the `odex` package): the default reference solver. Values between its own
 * steps come from its dense-output interpolant, whose error is controlled with the step's.
 * Options `{ absoluteTolerance = 1e-10, relativeTolerance = 1e-10, maxSteps = 100000 }`.
 * @throws QuadrantError `SOLVER_FAILED` naming t when the right-hand side turns non-finite,
 *   the step size collapses, or `maxSteps` is exceeded; `INPUT_INVALID` for a grid that is
 *   not strictly increasing or starts before t0
 */
export const odexSolver = defineSolver<OdexOptions>({
  name: 'odex',
  description: 'Gragg–Bulirsch–Stoer extrapolation with adaptive steps and dense output (options: absoluteTolerance, relativeTolerance, maxSteps)',
  options: odexOptions,
  solve(system, request, options) {
    const { grid } = request;
    checkGrid(grid, system.t0, 'odex');
    const rhs = checkedRhs(system, 'odex');
    const size = system.y0.length;
    const values = Array.from({ length: size }, () => new Float64Array(grid.length));
    const last = grid.length - 1;
    const state = new Float64Array(size);
    const derivative = new Float64Array(size);
    const solver = new Solver(size);
    solver.absoluteTolerance = options.absoluteTolerance;
    solver.relativeTolerance = options.relativeTolerance;
    solver.maxSteps = options.maxSteps;
    solver.denseOutput = true;
    let next = 0;
    let reached = system.t0;
    let accepted = 0;
    const record = (i: number, at: (c: number) => number) => {
      for (let c = 0; c < size; c++) values[c]![i] = at(c);
    };
    const result = solver.solve(
      (t, y) => {
        state.set(y);
        rhs.evaluate(t, state, derivative);
        // odex copies the returned values out at once, so one buffer serves every call.
        return derivative;
      },
      system.t0,
      Array.from(system.y0),
      grid[last]!,
      (step, from, to, y, dense) => {
        if (step > 1) {
          accepted++;
          // A step that no longer moves t in floating point: the method cannot make progress.
          if (to - from <= 4 * Number.EPSILON * Math.abs(to)) {
            state.set(y);
            throw new QuadrantError(
              'SOLVER_FAILED',
              `odex: the step size collapsed to ${to - from} at t = ${to} (${rhs.fastest(to, state)}); the problem is singular or too stiff there: shorten the domain or loosen the tolerances`,
            );
          }
        }
        reached = to;
        // The last grid point takes the final state below, not the interpolant.
        while (next < last && grid[next]! <= to) {
          const t = grid[next]!;
          record(next, (c) => (t === to || dense === undefined ? y[c]! : dense(c, t)));
          next++;
        }
      },
    );
    if (result.outcome === Outcome.MaxStepsExceeded) {
      throw new QuadrantError(
        'SOLVER_FAILED',
        `odex: gave up at t = ${reached} after maxSteps = ${options.maxSteps} steps, short of ${grid[last]}; the problem may be stiff or singular there: raise maxSteps, loosen the tolerances or shorten the domain`,
      );
    }
    record(last, (c) => result.y[c]!);
    return { solver: 'odex', names: [...system.names], grid, values, stats: { steps: accepted, evaluations: rhs.evaluations } };
  },
});
