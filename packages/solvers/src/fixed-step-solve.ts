import type { FirstOrderSystemV1, SolutionV1, SolveRequestV1 } from '@quadrant/spec';
import { z } from 'zod';
import { checkGrid } from './check-grid.ts';
import { type CheckedRhs, checkedRhs } from './checked-rhs.ts';

/** Options of the fixed-step solvers (`rk4`, `euler`). */
export const fixedStepOptions = z.object({
  /**
   * Total number of steps from t0 to the last grid point, at least. Each interval gets a
   * share proportional to its length (at least one), so the step size is about
   * (last − t0) / steps everywhere. Default: one step per grid interval.
   */
  steps: z.int().positive().optional(),
});

/** Parsed options of `rk4` and `euler`. */
export type FixedStepOptions = z.output<typeof fixedStepOptions>;

/**
 * Advances `y` in place by one step of size `h` from `t`; `scratch` holds arrays of the
 * state's length that the step may overwrite.
 */
export type FixedStep = (rhs: CheckedRhs, t: number, h: number, y: Float64Array, scratch: readonly Float64Array[]) => void;

/**
 * Integrates with a fixed-step method and records the state at every grid point: from t0 to
 * grid[0] first (when the grid starts later), then interval by interval.
 * @param scratchArrays - how many scratch arrays `step` needs
 */
export function fixedStepSolve(
  name: string,
  step: FixedStep,
  scratchArrays: number,
  system: FirstOrderSystemV1,
  request: SolveRequestV1,
  options: FixedStepOptions,
): SolutionV1 {
  const { grid } = request;
  checkGrid(grid, system.t0, name);
  const rhs = checkedRhs(system, name);
  const size = system.y0.length;
  const y = Float64Array.from(system.y0);
  const scratch = Array.from({ length: scratchArrays }, () => new Float64Array(size));
  const values = Array.from({ length: size }, () => new Float64Array(grid.length));
  const span = grid[grid.length - 1]! - system.t0;
  // Without `steps` the lead-in from t0 to grid[0] gets the grid's mean spacing, not one giant step.
  const meanSpacing = grid.length > 1 ? (grid[grid.length - 1]! - grid[0]!) / (grid.length - 1) : span;
  const stepsFor = (length: number, leadIn: boolean): number => {
    if (options.steps !== undefined) return Math.max(1, Math.ceil((options.steps * length) / span - 1e-9));
    return leadIn ? Math.max(1, Math.ceil(length / meanSpacing - 1e-9)) : 1;
  };
  let steps = 0;
  const advance = (from: number, to: number, leadIn: boolean) => {
    const count = stepsFor(to - from, leadIn);
    const h = (to - from) / count;
    // Times are recomputed from the interval's ends so rounding does not accumulate over many steps.
    for (let k = 0; k < count; k++) step(rhs, from + k * h, h, y, scratch);
    steps += count;
  };
  let t = system.t0;
  for (let i = 0; i < grid.length; i++) {
    if (grid[i]! > t) advance(t, grid[i]!, i === 0);
    t = grid[i]!;
    for (let c = 0; c < size; c++) values[c]![i] = y[c]!;
  }
  return { solver: name, names: [...system.names], grid, values, stats: { steps, evaluations: rhs.evaluations } };
}
