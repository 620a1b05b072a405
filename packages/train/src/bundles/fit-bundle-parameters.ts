import { type LeastSquaresProblemV1, QuadrantError } from '@quadrant/spec';
import { levenbergMarquardt, levenbergMarquardtOptimiserOptions } from '../optimisers/levenberg-marquardt-optimiser.ts';
import type { TrainingData } from '../training/training-plan.ts';
import { nominalPoint } from './bundle-box.ts';
import type { BundleModel } from './bundle-model.ts';

/** Parameters learned through a frozen bundle. */
export interface BundleFit {
  /** Each learned parameter's estimate, by name. */
  readonly values: Readonly<Record<string, number>>;
  /** ½‖prediction − data‖² at the estimate. */
  readonly cost: number;
  readonly iterations: number;
  readonly reason: string;
}

/** Iterations of the fit: a handful of parameters converge in far fewer. */
const fitIterations = 100;

/**
 * Fits the problem's `learn: true` parameters to observations with the bundle frozen: a
 * least-squares problem in those few values alone, prediction(t_i; θ) − observation_i over every
 * observed unknown, minimised by Levenberg–Marquardt from each parameter's guess. The Jacobian
 * with respect to θ is by central differences of the network's input (a step of 10⁻⁶ of each
 * range), cheap next to training since only the network is evaluated. Estimates stay in the box:
 * a step that leaves it is cut back to its side, where the bundle was trained.
 * @param data - observations (default: the problem's `data`)
 * @throws QuadrantError `CONFIG_INVALID` when no parameter is learned, a learned one is not a
 *   range of the bundle, or there are no observations
 */
export function fitBundleParameters(model: BundleModel, data?: TrainingData): BundleFit {
  const { problem, box } = model;
  const observations =
    data ??
    (problem.data === undefined
      ? undefined
      : {
          t: Float64Array.from(problem.data.t),
          values: Object.fromEntries(Object.entries(problem.data.values).map(([name, series]) => [name, Float64Array.from(series)])),
        });
  const learned = Object.entries(problem.parameters).filter(([, parameter]) => parameter.learn);
  if (learned.length === 0) throw new QuadrantError('CONFIG_INVALID', `${problem.origin}: parameters: none has learn: true, so there is nothing to fit`);
  if (observations === undefined)
    throw new QuadrantError('CONFIG_INVALID', `${problem.origin}: data: a learned parameter is fitted to observations, and there are none`);
  const axes = learned.map(([name]) => {
    const index = box.findIndex((axis) => axis.kind === 'parameter' && axis.name === name);
    if (index < 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `${problem.origin}: parameters.${name}: a parameter learned through a bundle needs a range, the values the bundle was trained over`,
      );
    }
    return index;
  });
  // Ranges not learned sit at their nominal value; learned ones start at their guess.
  const fixed = nominalPoint(problem, box);
  const start = Float64Array.from(learned, ([, parameter]) => parameter.guess);
  const observed = Object.entries(observations.values);
  const columns = observed.map(([name]) => model.unknowns.indexOf(name));
  const theta = (values: Float64Array) => {
    const point = [...fixed];
    axes.forEach((axis, a) => {
      const [low, high] = box[axis]!.range;
      point[axis] = Math.min(high, Math.max(low, values[a]!));
    });
    return point;
  };
  const points = observations.t.length;
  const residualAt = (values: Float64Array) => {
    const jets = model.jets(observations.t, theta(values), 0)[0]!;
    const residual = new Float64Array(points * observed.length);
    observed.forEach(([, series], o) => {
      for (let i = 0; i < points; i++) residual[o * points + i] = jets[i * model.unknowns.length + columns[o]!]! - series[i]!;
    });
    return residual;
  };
  const steps = axes.map((axis) => 1e-6 * (box[axis]!.range[1] - box[axis]!.range[0]));
  const leastSquares: LeastSquaresProblemV1 = {
    size: axes.length,
    evaluate(values, withJacobian) {
      const residual = residualAt(values);
      if (!withJacobian) return { residual };
      const jacobian = new Float64Array(residual.length * axes.length);
      axes.forEach((_, a) => {
        const up = values.slice();
        const down = values.slice();
        up[a] = up[a]! + steps[a]!;
        down[a] = down[a]! - steps[a]!;
        const [above, below] = [residualAt(up), residualAt(down)];
        for (let row = 0; row < residual.length; row++) jacobian[row * axes.length + a] = (above[row]! - below[row]!) / (2 * steps[a]!);
      });
      return { residual, jacobian };
    },
  };
  const result = levenbergMarquardt(leastSquares, start, levenbergMarquardtOptimiserOptions.parse({}), fitIterations);
  const estimate = theta(result.parameters);
  return {
    values: Object.fromEntries(learned.map(([name], a) => [name, estimate[axes[a]!]!])),
    cost: result.cost,
    iterations: result.iterations,
    reason: result.reason,
  };
}
