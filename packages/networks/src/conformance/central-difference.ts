/**
 * A derivative estimated by central differences at a ladder of steps, with the error it may
 * carry; `centralDifference` returns undefined instead when no three consecutive steps agree:
 * the function is not smooth there (a kink of a leaky-ReLU network inside every stencil) and
 * the point cannot be checked.
 */
export interface DifferenceEstimate {
  readonly value: number;
  /** The finest step the estimate used. */
  readonly step: number;
  /** Largest error the estimate may carry at that step. */
  readonly allowed: number;
}

/**
 * d/dx f at one point from the five-point stencil (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h,
 * whose truncation error is O(h⁴). The steps are tried from the largest: the first three
 * consecutive steps whose estimates agree pairwise within `allowed(h)` give the estimate,
 * extrapolated from the two finer ones. Far from a kink the largest steps agree, which keeps
 * the float32 rounding of f (which grows as 1/h) small; near one, only steps whose stencils
 * miss it agree. Three estimates rather than two, because two stencils too coarse for a
 * fast oscillation (or straddling kinks) can agree by chance; three in a row hardly do.
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
  const agree = (s: number): boolean => Math.abs(estimate(s) - estimate(s + 1)) <= allowed(steps[s + 1]!);
  for (let s = 0; s + 2 < steps.length; s++) {
    if (agree(s) && agree(s + 1)) {
      // Richardson extrapolation of the two finer estimates cancels the h⁴ term of the error
      // (the steps halve, so the error falls 16-fold between them).
      const step = steps[s + 2]!;
      const ratio = (steps[s + 1]! / step) ** 4;
      return { value: (ratio * estimate(s + 2) - estimate(s + 1)) / (ratio - 1), step, allowed: allowed(step) };
    }
  }
  return undefined;
}
