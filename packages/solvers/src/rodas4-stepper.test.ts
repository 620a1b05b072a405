import { describe, expect, it } from 'vitest';
import { rodas4Order, rodas4Stepper } from './rodas4-stepper.ts';

/** A scalar test equation y' = f(t, y) with its partial derivatives and closed form. */
interface ScalarProblem {
  readonly f: (t: number, y: number) => number;
  readonly dfdy: (t: number, y: number) => number;
  readonly dfdt: (t: number, y: number) => number;
  readonly exact: (t: number) => number;
}

// y' = −y, y(0) = 1: y = e^(−t).
const decay: ScalarProblem = { f: (_t, y) => -y, dfdy: () => -1, dfdt: () => 0, exact: (t) => Math.exp(-t) };
// y' = −2t·y², y(0) = 1: y = 1/(1 + t²); nonlinear and non-autonomous, so ∂f/∂t and the d_i coefficients count.
const rational: ScalarProblem = { f: (t, y) => -2 * t * y * y, dfdy: (t, y) => -4 * t * y, dfdt: (_t, y) => -2 * y * y, exact: (t) => 1 / (1 + t * t) };

/** Integrates over [0, 2] in `steps` fixed steps: the global error at t = 2 and the first step's error estimate. */
function fixedSteps(problem: ScalarProblem, steps: number): { global: number; firstEstimate: number } {
  const stepper = rodas4Stepper(1);
  const rhs = (t: number, y: Float64Array, out: Float64Array) => {
    out[0] = problem.f(t, y[0]!);
  };
  const h = 2 / steps;
  const y = Float64Array.of(problem.exact(0));
  const next = new Float64Array(1);
  const error = new Float64Array(1);
  let firstEstimate = 0;
  for (let k = 0; k < steps; k++) {
    const t = k * h;
    const start = {
      t,
      y,
      f: Float64Array.of(problem.f(t, y[0]!)),
      jacobian: Float64Array.of(problem.dfdy(t, y[0]!)),
      dfdt: Float64Array.of(problem.dfdt(t, y[0]!)),
    };
    expect(stepper.step(rhs, start, h, next, error)).toBe('ok');
    if (k === 0) firstEstimate = Math.abs(error[0]!);
    y.set(next);
  }
  return { global: Math.abs(y[0]! - problem.exact(2)), firstEstimate };
}

/** Slope of the least-squares line through (log h, log value). */
function slope(stepCounts: readonly number[], value: (steps: number) => number): number {
  const points = stepCounts.map((steps) => [Math.log(2 / steps), Math.log(value(steps))] as const);
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

const stepCounts = [40, 80, 160, 320];

describe('rodas4Stepper', () => {
  it.each([
    ['y′ = −y', decay],
    ['y′ = −2t·y²', rational],
  ] as const)('has global order 4 with fixed steps on %s', (_name, problem) => {
    expect(rodas4Order).toBe(4);
    expect(Math.abs(slope(stepCounts, (steps) => fixedSteps(problem, steps).global) - 4)).toBeLessThan(0.3);
  });

  it.each([
    ['y′ = −y', decay],
    ['y′ = −2t·y²', rational],
  ] as const)('estimates a local error of order h⁴ (the embedded solution has order 3) on %s', (_name, problem) => {
    expect(Math.abs(slope(stepCounts, (steps) => fixedSteps(problem, steps).firstEstimate) - 4)).toBeLessThan(0.3);
  });

  it('is L-stable: one long step on y′ = −10⁶·y damps the solution instead of amplifying it', () => {
    const stepper = rodas4Stepper(1);
    const rhs = (_t: number, y: Float64Array, out: Float64Array) => {
      out[0] = -1e6 * y[0]!;
    };
    const y = Float64Array.of(1);
    const next = new Float64Array(1);
    const start = { t: 0, y, f: Float64Array.of(-1e6), jacobian: Float64Array.of(-1e6), dfdt: Float64Array.of(0) };
    expect(stepper.step(rhs, start, 1, next, new Float64Array(1))).toBe('ok');
    // The exact factor is e^(−10⁶); an L-stable method's stability function tends to 0 as hλ → −∞.
    expect(Math.abs(next[0]!)).toBeLessThan(1e-5);
  });

  it('reports a stage that leaves the domain and a singular iteration matrix instead of returning NaN', () => {
    const stepper = rodas4Stepper(1);
    const squareRoot = (_t: number, y: Float64Array, out: Float64Array) => {
      out[0] = Math.sqrt(y[0]!);
    };
    const start = { t: 0, y: Float64Array.of(1e-6), f: Float64Array.of(1e-3), jacobian: Float64Array.of(-1e4), dfdt: Float64Array.of(0) };
    expect(stepper.step((t, y, out) => (t > 0 ? out.fill(Number.NaN) : squareRoot(t, y, out)), start, 0.1, new Float64Array(1), new Float64Array(1))).toBe(
      'not-finite',
    );
    // I/(hγ) − J = 0 when J = 1/(hγ): γ = 1/4, h = 2, J = 2.
    expect(stepper.step(squareRoot, { ...start, jacobian: Float64Array.of(2) }, 2, new Float64Array(1), new Float64Array(1))).toBe('singular');
  });
});
