import { QuadrantError } from '@quadrant/spec';

/**
 * Refuses a grid a solver cannot fill: empty, non-finite, not strictly increasing, or
 * starting before the initial time (solvers integrate forward from t0 only).
 * @throws QuadrantError `INPUT_INVALID` naming the offending point
 */
export function checkGrid(grid: Float64Array, t0: number, solver: string): void {
  if (grid.length === 0) throw new QuadrantError('INPUT_INVALID', `${solver}: the grid is empty; give at least one point ≥ t0 = ${t0}`);
  for (let i = 0; i < grid.length; i++) {
    if (!Number.isFinite(grid[i]!)) throw new QuadrantError('INPUT_INVALID', `${solver}: grid[${i}] is ${grid[i]}; every grid point must be finite`);
    if (i > 0 && grid[i]! <= grid[i - 1]!) {
      throw new QuadrantError(
        'INPUT_INVALID',
        `${solver}: grid[${i}] = ${grid[i]} is not after grid[${i - 1}] = ${grid[i - 1]}; give strictly increasing points`,
      );
    }
  }
  if (grid[0]! < t0) {
    throw new QuadrantError(
      'INPUT_INVALID',
      `${solver}: grid[0] = ${grid[0]} is before the initial time t0 = ${t0}; solvers integrate forward from t0, so start the grid at or after it`,
    );
  }
}
