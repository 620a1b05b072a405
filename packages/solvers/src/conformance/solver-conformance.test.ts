import { defineSolver, type FirstOrderSystemV1, QuadrantError, type SolverV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkGrid } from '../check-grid.ts';
import { checkedRhs } from '../checked-rhs.ts';
import { odexSolver } from '../odex-solver.ts';
import { closedFormSystem } from './closed-form-system.ts';
import { type SolverConformanceSettings, solverConformance } from './solver-conformance.ts';

interface MidpointFaults {
  /** Calls system.rhs unchecked, so NaN flows into the values. */
  readonly unchecked?: boolean;
  /** Starts stepping at grid[0] from y0, as if grid[0] were t0. */
  readonly skipsLeadIn?: boolean;
  /** Advances each interval by half its length: the answer at t is the one at t0 + (t − t0)/2. */
  readonly halfSteps?: boolean;
  /** Evaluates the second stage at t + h instead of t + h/2. */
  readonly wrongStageTime?: boolean;
}

/** The explicit midpoint rule (order 2) with `steps` steps over the span, optionally with one fault. */
function midpoint(faults: MidpointFaults = {}): SolverV1<{ steps: number }> {
  return defineSolver({
    name: 'midpoint',
    description: 'explicit midpoint rule with a fixed step',
    options: z.strictObject({ steps: z.int().positive().default(100) }),
    solve(system, { grid }, { steps }) {
      checkGrid(grid, system.t0, 'midpoint');
      const checked = checkedRhs(system, 'midpoint');
      const rhs = faults.unchecked ? (t: number, y: Float64Array, out: Float64Array) => system.rhs(t, y, out) : checked.evaluate;
      const n = system.y0.length;
      const y = Float64Array.from(system.y0);
      const [k, stage] = [new Float64Array(n), new Float64Array(n)];
      const values = Array.from({ length: n }, () => new Float64Array(grid.length));
      const span = grid[grid.length - 1]! - system.t0;
      let t = faults.skipsLeadIn ? grid[0]! : system.t0;
      let taken = 0;
      grid.forEach((target, i) => {
        const length = (target - t) * (faults.halfSteps ? 0.5 : 1);
        const count = length > 0 ? Math.max(1, Math.ceil((steps * length) / span - 1e-9)) : 0;
        const h = count > 0 ? length / count : 0;
        for (let s = 0; s < count; s++) {
          const at = t + s * h;
          rhs(at, y, k);
          for (let c = 0; c < n; c++) stage[c] = y[c]! + (h / 2) * k[c]!;
          rhs(faults.wrongStageTime ? at + h : at + h / 2, stage, k);
          for (let c = 0; c < n; c++) y[c] = y[c]! + h * k[c]!;
        }
        taken += count;
        t = target;
        for (let c = 0; c < n; c++) values[c]![i] = y[c]!;
      });
      return { solver: 'midpoint', names: [...system.names], grid, values, stats: { steps: taken, evaluations: 2 * taken } };
    },
  });
}

const midpointSettings: SolverConformanceSettings = { convergence: { order: 2, steps: (steps) => ({ steps }) }, options: { steps: 2000 }, accuracy: 1e-5 };

/** Runs every check; returns each failing check's message by the part of its name after the solver's. */
async function failures<Options>(solver: SolverV1<Options>, settings: SolverConformanceSettings): Promise<Record<string, string>> {
  const failed: Record<string, string> = {};
  for (const check of solverConformance(solver, settings)) {
    try {
      await check.run();
    } catch (error) {
      failed[check.name.slice(solver.name.length + 2)] = (error as Error).message;
    }
  }
  return failed;
}

const declaration = 'declares spec v1, a kebab-case name and a description; the option schema parses the options given';
const agreement = 'agrees with the closed form of a smooth system to 1.00e-5, on an even grid from t0 and an uneven one after it';
const order = (declared: number) => `the measured order of convergence on the closed form is at least the declared ${declared} less 0.3`;
const grid = 'returns the grid asked, bit for bit, with every component on it, and leaves the request and the system unchanged';
const refusal = 'refuses a right-hand side that turns non-finite with QuadrantError SOLVER_FAILED naming the solver and the time';

describe('solverConformance', () => {
  it('passes a correct midpoint rule, every check named after the solver', async () => {
    const checks = solverConformance(midpoint(), midpointSettings);
    expect(checks.every((check) => check.name.startsWith('midpoint: '))).toBe(true);
    expect(checks).toHaveLength(5);
    expect(await failures(midpoint(), midpointSettings)).toEqual({});
  });

  it('catches a name users could not type and options the schema refuses', async () => {
    expect((await failures({ ...midpoint(), name: 'Midpoint' }, midpointSettings))[declaration]).toMatch(/Midpoint: the name is what users type/);
    expect((await failures(midpoint(), { ...midpointSettings, options: { steps: 0 } }))[declaration]).toMatch(
      /options \{"steps":0\} fail the schema at 'steps'/,
    );
  });

  it('catches a solver that returns half-step answers (the value at t0 + (t − t0)/2)', async () => {
    const failed = await failures(midpoint({ halfSteps: true }), midpointSettings);
    expect(failed[agreement]).toMatch(/midpoint: error .* against the closed form, above 1.00e-5; worst at /);
  });

  it('catches a solver that starts from y0 at grid[0] when the grid starts after t0, and only there', async () => {
    const failed = await failures(midpoint({ skipsLeadIn: true }), midpointSettings);
    expect(failed[agreement]).toMatch(/worst at .* at t = 0.3/);
    expect(failed[order(2)]).toBeUndefined();
  });

  it('catches a method that is one order short of what it declares', async () => {
    const failed = await failures(midpoint(), { ...midpointSettings, convergence: { order: 3, steps: (steps) => ({ steps }) } });
    expect(failed[order(3)]).toMatch(/midpoint: declared order 3, measured 2\.\d\d on the closed-form system \(20 steps: /);
    expect(Object.keys(failed)).toEqual([order(3)]);
  });

  it('catches a stage evaluated at the wrong time (order 2 falls to 1)', async () => {
    const failed = await failures(midpoint({ wrongStageTime: true }), { ...midpointSettings, accuracy: 1e-2 });
    expect(failed[order(2)]).toMatch(/declared order 2, measured (0|1)\.\d\d/);
  });

  it('refines the grid when no steps option is given (a method that steps once per interval)', async () => {
    // One step per interval: the grid sets the step.
    expect(await failures(midpoint(), { convergence: { order: 2 }, options: { steps: 1 }, accuracy: 0.2 })).toEqual({});
  });

  it('catches an adaptive solver whose tolerance never reaches its step control (odex held at 1e-4)', async () => {
    const stubborn = defineSolver({
      ...odexSolver,
      solve: (system, request, options) => odexSolver.solve(system, request, { ...options, absoluteTolerance: 1e-4, relativeTolerance: 1e-4 }),
    });
    const settings: SolverConformanceSettings = {
      convergence: { tolerance: (tolerance) => ({ absoluteTolerance: tolerance, relativeTolerance: tolerance }) },
      accuracy: 1e-3,
    };
    const failed = await failures(stubborn, settings);
    expect(failed['the error against the closed form follows the tolerance (at most 100× each)']).toMatch(
      /odex: with tolerance 1.00e-(7|9) the error is .*, above 100× the tolerance/,
    );
    expect(Object.keys(failed)).toHaveLength(1);
  });

  it('catches a grid returned in float32, and values on a grid of their own', async () => {
    const rounded = defineSolver({
      ...midpoint(),
      solve: (system, request, options) => ({ ...midpoint().solve(system, request, options), grid: Float64Array.from(request.grid, Math.fround) }),
    });
    expect((await failures(rounded, midpointSettings))[grid]).toMatch(/midpoint: solution.grid is \[0.30000001192092896, .*\], the grid asked was \[0.3, /);
    const ownSteps = defineSolver({
      ...midpoint(),
      solve: (system, request, options) => midpoint().solve(system, { grid: Float64Array.of(...request.grid, 2.5) }, options),
    });
    expect((await failures(ownSteps, midpointSettings))[grid]).toMatch(/solution.grid is \[.*2.5\]/);
  });

  it('catches a solver that steps on the system’s y0 in place', async () => {
    const inPlace = defineSolver({
      ...midpoint(),
      solve: (system, request, options) => {
        const solution = midpoint().solve(system, request, options);
        system.y0.forEach((_, c) => {
          (system.y0 as Float64Array)[c] = solution.values[c]![request.grid.length - 1]!;
        });
        return solution;
      },
    });
    const failed = await failures(inPlace, midpointSettings);
    expect(failed[grid]).toBe("midpoint: solve changed the request's grid or the system's y0; copy what you step on");
    // Every other check solved its own copy: they pass, and the kit's system is as it was for the next kit.
    expect(Object.keys(failed)).toEqual([grid]);
    expect(Array.from(closedFormSystem.y0)).toEqual([1, 0, 0.2, 1]);
    expect(await failures(midpoint(), midpointSettings)).toEqual({});
  });

  it('catches a solver that returns NaN, and one that throws a plain Error, instead of SOLVER_FAILED', async () => {
    expect((await failures(midpoint({ unchecked: true }), midpointSettings))[refusal]).toMatch(
      /midpoint: on y' = −y, NaN from t = 0.5 on it returned a solution with NaN at t = 0.6; throw QuadrantError SOLVER_FAILED instead/,
    );
    const plain = defineSolver({
      ...midpoint(),
      solve: (system: FirstOrderSystemV1, request, options) => {
        const solution = midpoint({ unchecked: true }).solve(system, request, options);
        if (solution.values.some((values) => values.some((value) => !Number.isFinite(value)))) throw new Error('not finite');
        return solution;
      },
    });
    expect((await failures(plain, midpointSettings))[refusal]).toBe(
      "midpoint: on y' = −y, NaN from t = 0.5 on it threw 'not finite', expected QuadrantError SOLVER_FAILED",
    );
    const silent = defineSolver({
      ...midpoint(),
      solve: (system: FirstOrderSystemV1, request, options) => {
        try {
          return midpoint().solve(system, request, options);
        } catch {
          throw new QuadrantError('SOLVER_FAILED', 'failed');
        }
      },
    });
    expect((await failures(silent, midpointSettings))[refusal]).toMatch(/should name the solver and the time/);
  });
});
