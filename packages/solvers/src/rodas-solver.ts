import { defineSolver, type FirstOrderSystemV1, QuadrantError } from '@quadrant/spec';
import { z } from 'zod';
import { checkGrid } from './check-grid.ts';
import { checkedRhs } from './checked-rhs.ts';
import { type Rodas4Start, rodas4Order, rodas4Stepper } from './rodas4-stepper.ts';

/** Options of `rodas`: error tolerances per step, a cap on the number of steps, and where the Jacobian comes from. */
export const rodasOptions = z.object({
  absoluteTolerance: z.number().positive().default(1e-10),
  relativeTolerance: z.number().positive().default(1e-8),
  /** Steps (accepted and rejected) before giving up with `SOLVER_FAILED`. */
  maxSteps: z.int().positive().default(100_000),
  /**
   * `auto`: the system's own `jacobian` when it has one (problems compiled by
   * `@quadrant/equations` do), else central differences of `rhs`; `differences`: always differences.
   */
  jacobian: z.enum(['auto', 'differences']).default('auto'),
});

/** Parsed options of `rodas`. */
export type RodasOptions = z.output<typeof rodasOptions>;

// Step-size control of rodas.f: h_new = h / clamp(err^(1/4) / 0.9, 1/6, 5), so a step grows at
// most sixfold and shrinks at most fivefold, with Gustafsson's predictive controller after an
// accepted step; after a rejection the next accepted step does not grow.
const safety = 0.9;
const largestGrowth = 6;
const largestShrink = 5;

/**
 * A linearly implicit solver for stiff problems (`rodas`): Hairer and Wanner's Rodas4, a
 * Rosenbrock method of order 4 with an embedded order-3 error estimate, L-stable, so steps
 * follow the solution's accuracy rather than its fastest decaying mode. Each step factors
 * I/(hγ) − J once, with J = ∂f/∂y from `system.jacobian` when present (else central
 * differences of `rhs`, 2n evaluations) and ∂f/∂t by a forward difference. Steps land exactly
 * on every grid point (no interpolation): the values there carry the step's own accuracy, and a
 * dense grid costs at least one step per point.
 * Options `{ absoluteTolerance = 1e-10, relativeTolerance = 1e-8, maxSteps = 100000, jacobian = 'auto' }`.
 * @throws QuadrantError `SOLVER_FAILED` naming t when the right-hand side or the Jacobian turns
 *   non-finite at an accepted state, the step size collapses, or `maxSteps` is exceeded;
 *   `INPUT_INVALID` for a grid that is not strictly increasing or starts before t0
 */
export const rodasSolver = defineSolver<RodasOptions>({
  name: 'rodas',
  description:
    'Rodas4 Rosenbrock method for stiff problems, adaptive steps landing on the grid (options: absoluteTolerance, relativeTolerance, maxSteps, jacobian)',
  options: rodasOptions,
  solve(system, request, options) {
    const { grid } = request;
    const name = 'rodas';
    checkGrid(grid, system.t0, name);
    const rhs = checkedRhs(system, name);
    let trialEvaluations = 0;
    // Stage and difference evaluations may leave the solution's domain on a step that is too
    // long: the step reports it and is retried shorter, so these are not checked here.
    const trialRhs = (t: number, y: Float64Array, out: Float64Array) => {
      trialEvaluations++;
      system.rhs(t, y, out);
    };
    const n = system.y0.length;
    const values = Array.from({ length: n }, () => new Float64Array(grid.length));
    const last = grid[grid.length - 1]!;
    const span = last - system.t0;
    const { absoluteTolerance: atol, relativeTolerance: rtol } = options;
    // Weighted RMS norm of rodas.f: each component against atol + rtol·max(|y_old|, |y_new|).
    const norm = (v: Float64Array, before: Float64Array, after: Float64Array) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (v[i]! / (atol + rtol * Math.max(Math.abs(before[i]!), Math.abs(after[i]!)))) ** 2;
      return Math.sqrt(sum / n);
    };
    const useSystemJacobian = options.jacobian === 'auto' && system.jacobian !== undefined;
    const jacobianAt = jacobianEvaluator(system, name, trialRhs, useSystemJacobian, atol / rtol);

    let t = system.t0;
    const y = Float64Array.from(system.y0);
    const start = { t, y, f: new Float64Array(n), jacobian: new Float64Array(n * n), dfdt: new Float64Array(n) };
    const shifted = new Float64Array(n);
    const evaluateStart = () => {
      start.t = t;
      rhs.evaluate(t, y, start.f);
      jacobianAt(t, y, start.f, start.jacobian);
      // ∂f/∂t by a forward difference with rodas.f's increment √(u·max(1e-5, |t|)), backward where forward leaves the domain.
      const delta = Math.sqrt(Number.EPSILON * Math.max(1e-5, Math.abs(t)));
      for (const direction of [1, -1]) {
        trialRhs(t + direction * delta, y, shifted);
        for (let i = 0; i < n; i++) start.dfdt[i] = (direction * (shifted[i]! - start.f[i]!)) / delta;
        if (start.dfdt.every(Number.isFinite)) return;
      }
      const component = start.dfdt.findIndex((value) => !Number.isFinite(value));
      throw new QuadrantError(
        'SOLVER_FAILED',
        `${name}: rhs of ${system.names[component]}' is not finite just before or after t = ${t}; the equation is singular there: start the domain after the singularity or shorten it`,
      );
    };

    const record = (index: number) => {
      for (let component = 0; component < n; component++) values[component]![index] = y[component]!;
    };
    let next = 0;
    while (next < grid.length && grid[next] === t) record(next++);

    const stepper = rodas4Stepper(n);
    const proposed = new Float64Array(n);
    const error = new Float64Array(n);
    let h = 0;
    let attempts = 0;
    let accepted = 0;
    let rejectedLast = false;
    let previousStep = 0;
    let previousError = 0;
    let stale = true;
    while (next < grid.length) {
      const target = grid[next]!;
      if (stale) {
        evaluateStart();
        stale = false;
        if (h === 0) h = initialStep(start, norm, span);
      }
      if (attempts >= options.maxSteps) {
        throw new QuadrantError(
          'SOLVER_FAILED',
          `${name}: gave up at t = ${t} after maxSteps = ${options.maxSteps} steps, short of ${last}; raise maxSteps, loosen the tolerances or shorten the domain`,
        );
      }
      attempts++;
      // Land on the grid point when it is within reach; a step stretched by 1 % is harmless and
      // saves a sliver of a step after it.
      const landing = t + 1.01 * h >= target;
      const step = landing ? target - t : h;
      if (!landing && (t + step === t || step < 1e-300)) {
        throw new QuadrantError(
          'SOLVER_FAILED',
          `${name}: the step size collapsed to ${step} at t = ${t} (${rhs.fastest(t, y)}); the problem is singular there or its solution leaves the equation's domain: shorten the domain or loosen the tolerances`,
        );
      }
      const outcome = stepper.step(trialRhs, start, step, proposed, error);
      if (outcome === 'singular') {
        h = step / 2;
        rejectedLast = true;
        continue;
      }
      const estimate = outcome === 'ok' ? norm(error, y, proposed) : Number.POSITIVE_INFINITY;
      const errorOrInfinity = Number.isFinite(estimate) ? estimate : Number.POSITIVE_INFINITY;
      let factor = clampFactor(errorOrInfinity ** (1 / rodas4Order) / safety);
      if (errorOrInfinity > 1) {
        h = step / factor;
        rejectedLast = true;
        continue;
      }
      accepted++;
      if (accepted > 1) {
        // Gustafsson's predictive controller, as in rodas.f: also uses the previous accepted step's error.
        const predicted = clampFactor(((previousStep / step) * (errorOrInfinity ** 2 / previousError) ** (1 / rodas4Order)) / safety);
        factor = Math.max(factor, predicted);
      }
      previousStep = step;
      previousError = Math.max(1e-2, errorOrInfinity);
      let nextStep = step / factor;
      if (rejectedLast) nextStep = Math.min(nextStep, step);
      // A step shortened to land on a grid point says little about the step the solution allows.
      if (landing && step < h) nextStep = Math.max(nextStep, h);
      rejectedLast = false;
      h = Math.min(nextStep, span);
      y.set(proposed);
      t = landing ? target : t + step;
      stale = true;
      if (landing) record(next++);
    }
    return { solver: name, names: [...system.names], grid, values, stats: { steps: accepted, evaluations: rhs.evaluations + trialEvaluations } };
  },
});

function clampFactor(factor: number): number {
  return Math.max(1 / largestGrowth, Math.min(largestShrink, factor));
}

/**
 * The first step: 1 % of ‖y0‖/‖f(t0, y0)‖ in the error norm (the first guess of Hairer's
 * starting-step algorithm), 1e-6 when either is negligible, never past the span.
 */
function initialStep(start: Rodas4Start, norm: (v: Float64Array, before: Float64Array, after: Float64Array) => number, span: number): number {
  const size = norm(start.y, start.y, start.y);
  const slope = norm(start.f, start.y, start.y);
  const guess = size < 1e-5 || slope < 1e-5 ? 1e-6 : (0.01 * size) / slope;
  return Math.min(guess, span);
}

/**
 * Writes ∂f/∂y at (t, y) into `out`: the system's own Jacobian, or central differences with
 * δ_k = ∛u·max(|y_k|, floor), one-sided where a central point leaves the domain.
 * @param floor - the size below which a component counts as zero (atol/rtol)
 * @throws QuadrantError `SOLVER_FAILED` naming t and the entry when the Jacobian is not finite
 */
function jacobianEvaluator(
  system: FirstOrderSystemV1,
  solver: string,
  trialRhs: (t: number, y: Float64Array, out: Float64Array) => void,
  useSystemJacobian: boolean,
  floor: number,
): (t: number, y: Float64Array, f: Float64Array, out: Float64Array) => void {
  const n = system.y0.length;
  const shifted = new Float64Array(n);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const failure = (t: number, entry: number) => {
    const [row, column] = [Math.floor(entry / n), entry % n];
    return new QuadrantError(
      'SOLVER_FAILED',
      `${solver}: the Jacobian is not finite at t = ${t} (∂${system.names[row]}'/∂${system.names[column]}); the equation is singular there: start the domain after the singularity or shorten it`,
    );
  };
  return (t, y, f, out) => {
    if (useSystemJacobian) {
      system.jacobian!(t, y, out);
      const entry = out.findIndex((value) => !Number.isFinite(value));
      if (entry >= 0) throw failure(t, entry);
      return;
    }
    shifted.set(y);
    for (let k = 0; k < n; k++) {
      const delta = Math.cbrt(Number.EPSILON) * Math.max(Math.abs(y[k]!), floor);
      const [above, below] = [y[k]! + delta, y[k]! - delta];
      shifted[k] = above;
      trialRhs(t, shifted, plus);
      shifted[k] = below;
      trialRhs(t, shifted, minus);
      shifted[k] = y[k]!;
      const plusFinite = plus.every(Number.isFinite);
      const minusFinite = minus.every(Number.isFinite);
      for (let i = 0; i < n; i++) {
        // Differences over the representable points actually used, not the nominal 2δ.
        const value =
          plusFinite && minusFinite
            ? (plus[i]! - minus[i]!) / (above - below)
            : plusFinite
              ? (plus[i]! - f[i]!) / (above - y[k]!)
              : (f[i]! - minus[i]!) / (y[k]! - below);
        if (!Number.isFinite(value)) throw failure(t, i * n + k);
        out[i * n + k] = value;
      }
    }
  };
}
