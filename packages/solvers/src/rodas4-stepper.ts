import { type LuFactors, luFactors } from './lu-factors.ts';

// Rodas4: the stiffly accurate, L-stable Rosenbrock method of order 4 with an embedded method
// of order 3, in the coefficients of E. Hairer and G. Wanner's Fortran code rodas.f
// (subroutine ROCOE, METH = 1), which accompanies their book Solving Ordinary Differential
// Equations II: Stiff and Differential-Algebraic Problems (2nd ed., Springer, 1996). Written as
// there, with E = I/(hγ) − J for the Jacobian J = ∂f/∂y at (t, y):
//   E·k_i = f(t + α_i·h, y + Σ_{j<i} a_ij·k_j) + Σ_{j<i} (c_ij/h)·k_j + h·d_i·∂f/∂t,   i = 1…6,
// where stage 1 evaluates f at (t, y) itself. Stages 5 and 6 sit at t + h; the embedded
// solution is y + Σ_{j<5} a_5j·k_j + k_5 (the point of stage 6), the solution adds k_6 to
// it, so k_6 is the error estimate.
const gamma = 0.25;
const alpha = [0, 0.386, 0.21, 0.63, 1, 1] as const;
const d = [0.25, -0.1043, 0.1035, -0.03620000000000023, 0, 0] as const;
const a: readonly (readonly number[])[] = [
  [],
  [1.544],
  [0.9466785280815826, 0.2557011698983284],
  [3.314825187068521, 2.896124015972201, 0.9986419139977817],
  [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895],
  [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895, 1],
];
const c: readonly (readonly number[])[] = [
  [],
  [-5.6688],
  [-2.430093356833875, -0.2063599157091915],
  [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
  [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.7089089320616],
  [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
];
const stages = 6;

/** Order of the Rodas4 solution; its embedded solution has order 3. */
export const rodas4Order = 4;

/** What one attempted step came to. */
export type Rodas4Outcome =
  /** `next` and `error` hold the step's solution and error estimate. */
  | 'ok'
  /** I/(hγ) − J is singular for this h: retry with another step size. */
  | 'singular'
  /** A stage's right-hand side was NaN or ±Infinity: the step was too long for the solution's domain. */
  | 'not-finite';

/** Where a step starts: the state and what is evaluated there once, kept while rejected steps are retried. */
export interface Rodas4Start {
  readonly t: number;
  readonly y: Float64Array;
  /** f(t, y). */
  readonly f: Float64Array;
  /** ∂f/∂y at (t, y), row-major [n × n]. */
  readonly jacobian: Float64Array;
  /** ∂f/∂t at (t, y). */
  readonly dfdt: Float64Array;
}

/** One Rodas4 step with its scratch arrays, for systems of a fixed size. */
export interface Rodas4Stepper {
  /**
   * Attempts one step of size h from `start`, writing the solution at t + h into `next` and
   * the error estimate (solution minus embedded solution) into `error`.
   * @param rhs - f(t, y) written into `out`; may return non-finite values (the step then reports them)
   */
  step(rhs: (t: number, y: Float64Array, out: Float64Array) => void, start: Rodas4Start, h: number, next: Float64Array, error: Float64Array): Rodas4Outcome;
}

/**
 * A Rodas4 stepper for systems of `size` components: one factorisation of I/(hγ) − J and six
 * solves per step, five new right-hand-side evaluations. It carries no step-size control;
 * `rodasSolver` adds that.
 */
export function rodas4Stepper(size: number): Rodas4Stepper {
  const n = size;
  const matrix = new Float64Array(n * n);
  const k = Array.from({ length: stages }, () => new Float64Array(n));
  const point = new Float64Array(n);
  return {
    step(rhs, start, h, next, error) {
      const diagonal = 1 / (h * gamma);
      for (let index = 0; index < n * n; index++) matrix[index] = -start.jacobian[index]!;
      for (let i = 0; i < n; i++) matrix[i * n + i] = matrix[i * n + i]! + diagonal;
      const factors: LuFactors | undefined = luFactors(matrix, n);
      if (factors === undefined) return 'singular';
      for (let stage = 0; stage < stages; stage++) {
        const ks = k[stage]!;
        const as = a[stage]!;
        const cs = c[stage]!;
        if (stage === 0) {
          ks.set(start.f);
        } else {
          for (let i = 0; i < n; i++) {
            let sum = start.y[i]!;
            for (let j = 0; j < stage; j++) sum += as[j]! * k[j]![i]!;
            point[i] = sum;
          }
          rhs(start.t + alpha[stage]! * h, point, ks);
          for (let i = 0; i < n; i++) if (!Number.isFinite(ks[i]!)) return 'not-finite';
        }
        const hd = h * d[stage]!;
        for (let i = 0; i < n; i++) {
          let sum = ks[i]! + hd * start.dfdt[i]!;
          for (let j = 0; j < stage; j++) sum += (cs[j]! / h) * k[j]![i]!;
          ks[i] = sum;
        }
        factors.solve(ks);
      }
      // After the loop `point` holds stage 6's point, the embedded solution.
      for (let i = 0; i < n; i++) {
        error[i] = k[stages - 1]![i]!;
        next[i] = point[i]! + error[i]!;
      }
      for (let i = 0; i < n; i++) if (!Number.isFinite(next[i]!)) return 'not-finite';
      return 'ok';
    },
  };
}
