import type { LeastSquaresProblemV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { levenbergMarquardt, levenbergMarquardtOptimiser, levenbergMarquardtOptimiserOptions } from './levenberg-marquardt-optimiser.ts';

const options = levenbergMarquardtOptimiserOptions.parse({});

/** r(p) = A·p − b for a fixed A [rows × size] and b. */
function linear(a: number[][], b: number[]): LeastSquaresProblemV1 {
  const size = a[0]!.length;
  return {
    size,
    evaluate(p, jacobian) {
      const residual = Float64Array.from(a, (row, i) => row.reduce((total, each, j) => total + each * p[j]!, 0) - b[i]!);
      return jacobian ? { residual, jacobian: Float64Array.from(a.flat()) } : { residual };
    },
  };
}

/** Rosenbrock's function as residuals: r = (10(y − x²), 1 − x), minimum 0 at (1, 1). */
const rosenbrock: LeastSquaresProblemV1 = {
  size: 2,
  evaluate([x, y], jacobian) {
    const residual = Float64Array.of(10 * (y! - x! * x!), 1 - x!);
    return jacobian ? { residual, jacobian: Float64Array.of(-20 * x!, 10, -1, 0) } : { residual };
  },
};

describe('levenberg-marquardt', () => {
  it('solves a linear least-squares problem to its exact solution in a few iterations', () => {
    // Overdetermined and consistent: the solution is (1, −2, 3) with zero residual.
    const a = [
      [1, 2, 0],
      [0, 1, 1],
      [3, 0, 1],
      [1, 1, 1],
      [2, -1, 4],
    ];
    const solution = [1, -2, 3];
    const b = a.map((row) => row.reduce((total, each, j) => total + each * solution[j]!, 0));
    const result = levenbergMarquardt(linear(a, b), new Float64Array(3), options, 50);
    expect(result.iterations).toBeLessThan(10);
    result.parameters.forEach((value, i) => {
      expect(value).toBeCloseTo(solution[i]!, 10);
    });
    expect(result.cost).toBeLessThan(1e-20);
  });

  it('solves an underdetermined problem (fewer residuals than parameters) to zero residual, in residual space', () => {
    const a = [
      [1, 2, 0, -1, 3],
      [0, 1, 1, 2, -1],
    ];
    const b = [4, -2];
    const result = levenbergMarquardt(linear(a, b), new Float64Array(5), options, 50);
    expect(result.cost).toBeLessThan(1e-24);
    expect(result.iterations).toBeLessThan(10);
  });

  it("reaches Rosenbrock's minimum from (−1.2, 1) to 1e-10", () => {
    const result = levenbergMarquardt(rosenbrock, Float64Array.of(-1.2, 1), options, 200);
    expect(Math.abs(result.parameters[0]! - 1)).toBeLessThan(1e-10);
    expect(Math.abs(result.parameters[1]! - 1)).toBeLessThan(1e-10);
    // ½‖r‖² never rises: rejected steps are not taken.
    result.history.forEach((cost, i) => {
      if (i > 0) expect(cost).toBeLessThanOrEqual(result.history[i - 1]!);
    });
  });

  it('stops at the iteration limit and says so', () => {
    const result = levenbergMarquardt(rosenbrock, Float64Array.of(-1.2, 1), options, 3);
    expect(result.iterations).toBe(3);
    expect(result.reason).toBe('iteration limit');
  });

  it('reports a residual that is not finite at the start instead of stepping', () => {
    const broken: LeastSquaresProblemV1 = { size: 1, evaluate: () => ({ residual: Float64Array.of(Number.NaN), jacobian: Float64Array.of(1) }) };
    const result = levenbergMarquardt(broken, Float64Array.of(0), options, 10);
    expect(result.iterations).toBe(0);
    expect(result.reason).toContain('not finite');
  });

  it('refuses first-order use on tfjs variables, naming what to use instead', () => {
    expect(() => levenbergMarquardtOptimiser.create([], options)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('float64 path') }),
    );
  });
});
