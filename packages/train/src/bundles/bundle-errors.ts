import { errorFiguresOfComponents } from '@quadrant/metrics';
import { solveReference } from '@quadrant/solvers';
import { boxGrid, problemAt } from './bundle-box.ts';
import type { BundleModel } from './bundle-model.ts';

/** A bundle's error at one θ against the reference solver there. */
export interface BundlePointError {
  /** θ, one value per range in the box's order. */
  readonly theta: readonly number[];
  /** ‖prediction − reference‖₂ / ‖reference‖₂ over the grid, every unknown pooled. */
  readonly relativeL2: number;
  readonly maxAbs: number;
}

/** A bundle's errors over a grid of its box. */
export interface BundleErrors {
  readonly points: readonly BundlePointError[];
  /** The largest relative L2 error over the θ grid. */
  readonly worst: number;
  /** The median relative L2 error over the θ grid. */
  readonly median: number;
  /** θ of the worst error. */
  readonly worstAt: readonly number[];
}

/**
 * Scores a bundle against the reference solver (`solveReference`: odex, or rodas where odex
 * finds the problem stiff) at each θ of a grid of `count` evenly spaced values per range,
 * ends included, on `grid` (points of the domain).
 */
export function bundleErrors(model: BundleModel, grid: Float64Array, count: number): BundleErrors {
  const points = boxGrid(model.box, count).map((theta): BundlePointError => {
    const at = problemAt(model.problem, model.box, theta);
    const reference = solveReference(at.problem, { grid, parameters: at.parameters });
    const figures = errorFiguresOfComponents(model.predict(grid, theta), reference.unknowns);
    return { theta, relativeL2: figures.relativeL2, maxAbs: figures.maxAbs };
  });
  const sorted = points.map((point) => point.relativeL2).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const worstPoint = points.reduce((worst, point) => (point.relativeL2 > worst.relativeL2 || Number.isNaN(point.relativeL2) ? point : worst));
  return { points, worst: worstPoint.relativeL2, median, worstAt: worstPoint.theta };
}
