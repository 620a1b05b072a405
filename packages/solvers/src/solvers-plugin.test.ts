import type { SolverV1 } from '@quadrant/spec';
import { describe, it } from 'vitest';
import { type SolverConformanceSettings, solverConformance } from './conformance/solver-conformance.ts';
import { eulerSolver } from './euler-solver.ts';
import { odexSolver } from './odex-solver.ts';
import { rk4Solver } from './rk4-solver.ts';
import { rodasSolver } from './rodas-solver.ts';
import { solversPlugin } from './solvers-plugin.ts';

// Every built-in's settings, keyed by the entry's name; a solver added to the plugin without them fails below.
const settings: Record<string, SolverConformanceSettings> = {
  [odexSolver.name]: { convergence: { tolerance: (tolerance) => ({ absoluteTolerance: tolerance, relativeTolerance: tolerance }) }, accuracy: 1e-8 },
  [rodasSolver.name]: { convergence: { tolerance: (tolerance) => ({ absoluteTolerance: tolerance, relativeTolerance: tolerance }) }, accuracy: 1e-6 },
  [rk4Solver.name]: { convergence: { order: 4, steps: (steps) => ({ steps }) }, options: { steps: 200 }, accuracy: 1e-8 },
  [eulerSolver.name]: { convergence: { order: 1, steps: (steps) => ({ steps }) }, options: { steps: 2000 }, accuracy: 1e-2 },
};

describe('every built-in solver passes the solver kit', () => {
  for (const solver of (solversPlugin.solvers ?? []) as SolverV1[]) {
    describe(solver.name, () => {
      const given = settings[solver.name];
      if (given === undefined) {
        it('has kit settings', () => {
          throw new Error(`no conformance settings for the built-in solver '${solver.name}'`);
        });
        return;
      }
      for (const check of solverConformance(solver, given)) it(check.name, check.run);
    });
  }
});
