import { type ConformanceCheck, checkDeclaration, type FirstOrderSystemV1, QuadrantError, type SolutionV1, type SolverV1 } from '@quadrant/spec';
import { closedFormAt, closedFormSystem } from './closed-form-system.ts';

/**
 * How a solver's accuracy is refined, for the convergence check. `SolverV1` declares no order,
 * so the kit is told what to expect.
 */
export type SolverConvergence =
  | {
      /** A fixed-step method of this order: the global error must fall as h^order. */
      readonly order: number;
      /**
       * Raw options for `steps` steps over the span. Without it the grid is refined instead
       * (`steps` intervals, with the options given), as for a method that steps once per interval.
       */
      readonly steps?: (steps: number) => unknown;
      /** Step counts, each the double of the one before (default 20, 40, 80, 160). */
      readonly levels?: readonly number[];
      /** How far below `order` the measured order may fall (default 0.3). */
      readonly slack?: number;
    }
  | {
      /** An adaptive method: raw options for an error tolerance; the error must follow it. */
      readonly tolerance: (tolerance: number) => unknown;
      /** Tolerances, loosest first (default 1e-3, 1e-5, 1e-7, 1e-9). */
      readonly levels?: readonly number[];
      /** Largest error allowed per unit of tolerance (default 100: a global error from local tolerances). */
      readonly errorPerTolerance?: number;
    };

/** How to run a solver and what to ask of it. */
export interface SolverConformanceSettings {
  /** How accuracy is refined: a declared order for fixed-step methods, a tolerance option for adaptive ones. */
  readonly convergence: SolverConvergence;
  /** Raw options, parsed by the solver's schema, for every check but convergence (default `{}`). */
  readonly options?: unknown;
  /** Largest error against the closed form allowed with `options`, relative to max(1, |y|) (default 1e-6). */
  readonly accuracy?: number;
}

// Errors below this (relative to max(1, |y|)) are rounding, not truncation: no order can be read from them.
const roundoffFloor = 1e-11;
const span = 2;
/** Evenly spaced points over [t0, t0 + span]. */
const evenGrid = (intervals: number): Float64Array => Float64Array.from({ length: intervals + 1 }, (_, i) => closedFormSystem.t0 + (span * i) / intervals);
// Starts after t0 and is uneven (a short and a long interval), as a scored grid may be. Solvers get
// copies of it: one that writes into its request must not change the grid of later checks.
const unevenGrid = Float64Array.of(0.3, 0.35, 0.8, 1.3, 1.31, 2);
const format = (value: number): string => value.toExponential(2);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Largest error of a solution against the closed form, relative to max(1, |y|), and where it is. */
function closedFormError(solution: SolutionV1, grid: Float64Array): { error: number; where: string } {
  let worst = { error: 0, where: 'nowhere' };
  grid.forEach((t, i) => {
    const exact = closedFormAt(t);
    exact.forEach((value, c) => {
      const got = solution.values[c]?.[i];
      const error = got === undefined || !Number.isFinite(got) ? Number.POSITIVE_INFINITY : Math.abs(got - value) / Math.max(1, Math.abs(value));
      if (!(error <= worst.error)) worst = { error, where: `${closedFormSystem.names[c]} at t = ${t}: ${got} against ${value}` };
    });
  });
  return worst;
}

/**
 * The conformance kit for classical solvers: named checks, each a plain async function that
 * throws on failure, so any test runner (or none) can run them. A plugin author runs the same
 * checks the built-ins pass:
 *
 * ```ts
 * for (const check of solverConformance(midpoint, { convergence: { order: 2 } })) it(check.name, check.run);
 * ```
 *
 * The checks: the solver declares spec v1, a kebab-case name and a description, and its schema
 * parses the options given; on a smooth system with a closed form (an oscillator, a logistic
 * equation and a time-dependent growth) it agrees with the closed form to `accuracy`, on an even
 * grid from t0 and on an uneven one starting after t0; it converges (the measured order of a
 * fixed-step method is at least the declared one less `slack`; an adaptive method's error stays
 * within `errorPerTolerance` times each tolerance); the solution's grid is the grid asked, bit
 * for bit, with every component on it, and neither the request nor the system is changed; a
 * right-hand side that turns non-finite (later, or at t0) is refused with `QuadrantError`
 * `SOLVER_FAILED` naming the solver and the time, never returned as NaN.
 */
export function solverConformance<Options>(solver: SolverV1<Options>, settings: SolverConformanceSettings): ConformanceCheck[] {
  const name = solver.name;
  const accuracy = settings.accuracy ?? 1e-6;
  const check = (title: string, run: () => Promise<void>): ConformanceCheck => ({ name: `${name}: ${title}`, run });
  const parse = (raw: unknown): Options => {
    const parsed = solver.options.safeParse(raw ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Error(
      `${name}: options ${JSON.stringify(raw ?? {})} fail the schema at '${issue?.path.join('.') ?? ''}': ${issue?.message ?? parsed.error.message}`,
    );
  };
  // Each solve gets its own copy of the closed-form system: a solver that writes into y0 (caught
  // below) must not change the system every later check, and every later kit in the process, starts from.
  const freshSystem = (): FirstOrderSystemV1 => ({ ...closedFormSystem, y0: closedFormSystem.y0.slice() });
  const solve = (grid: Float64Array, raw: unknown, system: FirstOrderSystemV1 = freshSystem()): SolutionV1 => solver.solve(system, { grid }, parse(raw));
  const { convergence } = settings;

  const convergenceCheck =
    'order' in convergence
      ? check(
          `the measured order of convergence on the closed form is at least the declared ${convergence.order} less ${convergence.slack ?? 0.3}`,
          async () => {
            const levels = convergence.levels ?? [20, 40, 80, 160];
            const slack = convergence.slack ?? 0.3;
            const errors = levels.map((steps) => {
              const grid = convergence.steps === undefined ? evenGrid(steps) : evenGrid(10);
              const raw = convergence.steps === undefined ? settings.options : convergence.steps(steps);
              return closedFormError(solve(grid, raw), grid).error;
            });
            const described = levels.map((steps, i) => `${steps} steps: ${format(errors[i]!)}`).join(', ');
            let measured: number | undefined;
            for (let i = 0; i + 1 < levels.length; i++) {
              if (!(errors[i + 1]! > roundoffFloor)) break;
              measured = Math.log(errors[i]! / errors[i + 1]!) / Math.log(levels[i + 1]! / levels[i]!);
            }
            if (measured === undefined) {
              if (errors.every((error) => error <= roundoffFloor)) {
                throw new Error(
                  `${name}: the errors are at rounding level already (${described}); give coarser convergence.levels so the order can be measured`,
                );
              }
              throw new Error(`${name}: the error does not fall as the steps shrink (${described})`);
            }
            if (!(measured >= convergence.order - slack)) {
              throw new Error(`${name}: declared order ${convergence.order}, measured ${measured.toFixed(2)} on the closed-form system (${described})`);
            }
          },
        )
      : check(`the error against the closed form follows the tolerance (at most ${convergence.errorPerTolerance ?? 100}× each)`, async () => {
          const levels = convergence.levels ?? [1e-3, 1e-5, 1e-7, 1e-9];
          const allowed = convergence.errorPerTolerance ?? 100;
          const grid = evenGrid(10);
          const errors = levels.map((tolerance) => closedFormError(solve(grid, convergence.tolerance(tolerance)), grid).error);
          const described = levels.map((tolerance, i) => `tolerance ${format(tolerance)}: ${format(errors[i]!)}`).join(', ');
          levels.forEach((tolerance, i) => {
            if (!(errors[i]! <= allowed * tolerance)) {
              throw new Error(
                `${name}: with tolerance ${format(tolerance)} the error is ${format(errors[i]!)}, above ${allowed}× the tolerance; the tolerance must reach the step control (${described})`,
              );
            }
          });
        });

  return [
    check('declares spec v1, a kebab-case name and a description; the option schema parses the options given', async () => {
      checkDeclaration(solver, { declare: 'the solver with defineSolver', typed: '(--solver)', example: 'midpoint', describe: 'what the method is' });
      parse(settings.options);
    }),

    check(`agrees with the closed form of a smooth system to ${format(accuracy)}, on an even grid from t0 and an uneven one after it`, async () => {
      for (const grid of [evenGrid(10), unevenGrid.slice()]) {
        const { error, where } = closedFormError(solve(grid, settings.options), grid);
        if (!(error <= accuracy)) throw new Error(`${name}: error ${format(error)} against the closed form, above ${format(accuracy)}; worst at ${where}`);
      }
    }),

    convergenceCheck,

    check('returns the grid asked, bit for bit, with every component on it, and leaves the request and the system unchanged', async () => {
      const grid = unevenGrid.slice();
      const system = freshSystem();
      const { y0 } = system;
      const solution = solve(grid, settings.options, system);
      if (grid.some((t, i) => t !== unevenGrid[i]) || y0.some((value, c) => value !== closedFormSystem.y0[c])) {
        throw new Error(`${name}: solve changed the request's grid or the system's y0; copy what you step on`);
      }
      if (solution.solver !== name) throw new Error(`${name}: solution.solver is '${solution.solver}', expected '${name}'`);
      if (!(solution.grid instanceof Float64Array)) throw new Error(`${name}: solution.grid is not a Float64Array`);
      if (solution.grid.length !== grid.length || solution.grid.some((t, i) => t !== grid[i])) {
        throw new Error(
          `${name}: solution.grid is [${Array.from(solution.grid).join(', ')}], the grid asked was [${Array.from(grid).join(', ')}]; return the values at the points asked, not at the method's own steps`,
        );
      }
      if (solution.names.length !== system.names.length || solution.names.some((each, c) => each !== system.names[c])) {
        throw new Error(`${name}: solution.names is [${solution.names.join(', ')}], expected the system's [${system.names.join(', ')}]`);
      }
      if (solution.values.length !== system.names.length)
        throw new Error(`${name}: ${solution.values.length} value arrays for ${system.names.length} components`);
      solution.values.forEach((values, c) => {
        if (!(values instanceof Float64Array) || values.length !== grid.length) {
          throw new Error(`${name}: values[${c}] should be a Float64Array of ${grid.length} values (one per grid point), component-major`);
        }
        const bad = values.findIndex((value) => !Number.isFinite(value));
        if (bad >= 0) throw new Error(`${name}: values[${c}][${bad}] is ${values[bad]} on a smooth system`);
      });
      const { steps, evaluations } = solution.stats;
      if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(evaluations) || evaluations < 1) {
        throw new Error(`${name}: stats ${JSON.stringify(solution.stats)} should count the steps taken and right-hand-side evaluations, each at least 1`);
      }
    }),

    check('refuses a right-hand side that turns non-finite with QuadrantError SOLVER_FAILED naming the solver and the time', async () => {
      const cases: { what: string; system: FirstOrderSystemV1 }[] = [
        {
          what: "y' = −y, NaN from t = 0.5 on",
          system: {
            names: ['y'],
            t0: 0,
            y0: Float64Array.of(1),
            rhs: (t, y, out) => {
              out[0] = t < 0.5 ? -y[0]! : Number.NaN;
            },
          },
        },
        {
          what: "y' = 1/t from t0 = 0, infinite at the start",
          system: {
            names: ['y'],
            t0: 0,
            y0: Float64Array.of(0),
            rhs: (t, _y, out) => {
              out[0] = 1 / t;
            },
          },
        },
      ];
      for (const { what, system } of cases) {
        let error: unknown;
        let solution: SolutionV1 | undefined;
        try {
          solution = solve(evenGrid(10), settings.options, system);
        } catch (caught) {
          error = caught;
        }
        if (solution !== undefined) {
          const values = solution.values[0] ?? new Float64Array(0);
          const bad = values.findIndex((value) => !Number.isFinite(value));
          throw new Error(
            `${name}: on ${what} it returned a solution${bad >= 0 ? ` with ${values[bad]} at t = ${solution.grid[bad]}` : ''}; throw QuadrantError SOLVER_FAILED instead`,
          );
        }
        if (!QuadrantError.hasCode(error, 'SOLVER_FAILED')) {
          throw new Error(
            `${name}: on ${what} it threw ${QuadrantError.isInstance(error) ? `QuadrantError ${error.code}` : `'${messageOf(error)}'`}, expected QuadrantError SOLVER_FAILED`,
          );
        }
        if (!error.message.includes(name) || !/\bt\s*=\s*-?\d/.test(error.message)) {
          throw new Error(`${name}: the SOLVER_FAILED message on ${what} should name the solver and the time ('t = …'): '${error.message}'`);
        }
      }
    }),
  ];
}
