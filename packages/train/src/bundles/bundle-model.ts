import type { Float64PathV1, NetworkV1, Problem } from '@quadrant/spec';
import { problemOrder } from '../model/build-network.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import type { BundleAxis, BundlePoint } from './bundle-box.ts';

/**
 * A trained bundle: one network of t and the box's values θ, giving the solution for every θ
 * in the box with its initial values met exactly.
 */
export interface BundleModel {
  readonly problem: Problem;
  /** The ranges, in the order of the network's inputs after t. */
  readonly box: readonly BundleAxis[];
  readonly settings: TrainingSettings;
  /** The trial solution over (t, θ), with a float64 path. */
  readonly network: NetworkV1 & { readonly float64: Float64PathV1 };
  /** Unknown names in output-column order. */
  readonly unknowns: readonly string[];
  /** Jets with respect to t up to `order` at the points `t` for one θ, laid out as `Float64JetsV1.jets`. */
  jets(t: Float64Array, theta: BundlePoint, order: number): Float64Array[];
  /** Each unknown's value at the points `t` for one θ ([N] each). */
  predict(t: Float64Array, theta: BundlePoint): Record<string, Float64Array>;
  dispose(): void;
}

/** θ repeated for each of `points` points: the further input columns of a bundle's network, row-major. */
export function repeatPoint(theta: BundlePoint, points: number): Float64Array {
  const columns = new Float64Array(points * theta.length);
  for (let i = 0; i < points; i++) columns.set(theta, i * theta.length);
  return columns;
}

/** The model of a bundle's network (built by `buildNetwork` with the box, its weights set). */
export function createBundleModel(
  problem: Problem,
  box: readonly BundleAxis[],
  settings: TrainingSettings,
  network: NetworkV1 & { readonly float64: Float64PathV1 },
): BundleModel {
  const unknowns = problem.unknowns.map((unknown) => unknown.name);
  const path = network.float64;
  const jets = (t: Float64Array, theta: BundlePoint, order: number) => [...path.jets(path.read(), t, order, false, repeatPoint(theta, t.length)).jets];
  return {
    problem,
    box,
    settings,
    network,
    unknowns,
    jets,
    predict(t, theta) {
      const values = jets(t, theta, 0)[0]!;
      return Object.fromEntries(unknowns.map((name, j) => [name, Float64Array.from({ length: t.length }, (_, i) => values[i * unknowns.length + j]!)]));
    },
    dispose: () => network.dispose(),
  };
}

/** The highest order of the bundle's equations: the jets a residual needs. */
export const bundleOrder = (model: BundleModel): number => problemOrder(model.problem);
