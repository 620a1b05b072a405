/**
 * A derivative estimated by central differences at a ladder of steps, with the error it may
 * carry. `undefined` when no two neighbouring steps agree: the function is not smooth there
 * (a kink of a leaky-ReLU network inside the stencil) and the point cannot be checked.
 */
export interface DifferenceEstimate {
  readonly value: number;
  /** The step of the estimate kept. */
  readonly step: number;
  /** Largest error the estimate may carry at that step. */
  readonly allowed: number;
}

/**
 * d/dx f at one point from the five-point stencil (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h,
 * whose truncation error is O(h⁴). The steps are tried from the largest: the first two
 * neighbouring steps whose estimates agree within `allowed(h)` give the estimate at the
 * smaller one. Far from a kink the largest steps agree, which keeps the float32 rounding
 * of f (which grows as 1/h) small; near one, only steps whose stencil misses it agree.
 * @param sample - f at offset j·h, j ∈ {−2, −1, 1, 2}, for step index s
 * @param steps - decreasing steps, each exactly representable around the point
 * @param allowed - error an estimate at step h may carry (rounding and truncation)
 */
export function centralDifference(
  sample: (step: number, offset: -2 | -1 | 1 | 2) => number,
  steps: readonly number[],
  allowed: (step: number) => number,
): DifferenceEstimate | undefined {
  const estimates: number[] = [];
  const estimate = (s: number): number => {
    if (estimates[s] === undefined) {
      const h = steps[s]!;
      estimates[s] = (sample(s, -2) - 8 * sample(s, -1) + 8 * sample(s, 1) - sample(s, 2)) / (12 * h);
    }
    return estimates[s]!;
  };
  for (let s = 0; s + 1 < steps.length; s++) {
    const step = steps[s + 1]!;
    if (Math.abs(estimate(s) - estimate(s + 1)) <= allowed(step)) return { value: estimate(s + 1), step, allowed: allowed(step) };
  }
  return undefined;
}
