/** A derivative estimated by finite differences at a ladder of steps, with the error it may carry. */
export interface DifferenceEstimate {
  readonly value: number;
  /** The finest step the estimate used. */
  readonly step: number;
  /** Largest error the estimate may carry at that step. */
  readonly allowed: number;
}

/**
 * Which points a stencil uses: `central` is (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h, error
 * O(h⁴); `backward` is (3f(0) − 4f(−h) + f(−2h)) / 2h and `forward` its mirror, error O(h²).
 * The one-sided ones see one side of the point only, so they still work when a kink (of a
 * leaky-ReLU network, say) lies just beside the point, on the other side.
 */
export type Stencil = 'central' | 'backward' | 'forward';

type Offset = -2 | -1 | 0 | 1 | 2;

const stencils: Record<Stencil, { readonly weights: readonly (readonly [Offset, number])[]; readonly divisor: number; readonly accuracy: number }> = {
  central: {
    weights: [
      [-2, 1],
      [-1, -8],
      [1, 8],
      [2, -1],
    ],
    divisor: 12,
    accuracy: 4,
  },
  backward: {
    weights: [
      [0, 3],
      [-1, -4],
      [-2, 1],
    ],
    divisor: 2,
    accuracy: 2,
  },
  forward: {
    weights: [
      [0, -3],
      [1, 4],
      [2, -1],
    ],
    divisor: 2,
    accuracy: 2,
  },
};

/**
 * d/dx f at one point from finite differences at a ladder of halving steps. The steps are tried
 * from the largest: the first three consecutive steps whose estimates agree pairwise within
 * `allowed(h)` give the estimate, Richardson-extrapolated from the two finer ones (which
 * cancels the leading error term). Far from a kink the largest steps agree, which keeps the
 * float32 rounding of f (which grows as 1/h) small; near one, only steps whose stencils miss
 * it agree. Three estimates rather than two, because two stencils too coarse for a fast
 * oscillation (or straddling kinks) can agree by chance; three in a row hardly do.
 * @param sample - f at offset j·h for step index s (j = 0 is the point itself)
 * @param steps - halving steps, each exactly representable around the point
 * @param allowed - error an estimate at step h may carry (rounding and truncation)
 * @returns undefined when no three consecutive steps agree: f is not smooth enough there
 */
export function differenceEstimate(
  sample: (step: number, offset: Offset) => number,
  steps: readonly number[],
  allowed: (step: number) => number,
  stencil: Stencil = 'central',
): DifferenceEstimate | undefined {
  const { weights, divisor, accuracy } = stencils[stencil];
  const estimates: number[] = [];
  const estimate = (s: number): number => {
    if (estimates[s] === undefined) {
      estimates[s] = weights.reduce((total, [offset, weight]) => total + weight * sample(s, offset), 0) / (divisor * steps[s]!);
    }
    return estimates[s]!;
  };
  const agree = (s: number): boolean => Math.abs(estimate(s) - estimate(s + 1)) <= allowed(steps[s + 1]!);
  for (let s = 0; s + 2 < steps.length; s++) {
    if (agree(s) && agree(s + 1)) {
      const step = steps[s + 2]!;
      const ratio = (steps[s + 1]! / step) ** accuracy;
      return { value: (ratio * estimate(s + 2) - estimate(s + 1)) / (ratio - 1), step, allowed: allowed(step) };
    }
  }
  return undefined;
}

/**
 * Whether `derivative` is d/dx f at the point: it must match the central estimate, or, when
 * that one is off or missing, a one-sided estimate (a kink just beside the point spoils the
 * central stencils at every step but leaves one side clean). A wrong derivative is wrong on
 * both sides of a smooth point, so this does not let one pass.
 * @returns `checked: false` when no stencil gives an estimate (f is not smooth near the point);
 *   otherwise whether it matched, and the central estimate (or the first one found) to report
 */
export function matchesDifferences(
  derivative: number,
  sample: (step: number, offset: Offset) => number,
  steps: readonly number[],
  allowed: (step: number) => number,
): { readonly checked: boolean; readonly matches: boolean; readonly estimate?: DifferenceEstimate } {
  let first: DifferenceEstimate | undefined;
  for (const stencil of ['central', 'backward', 'forward'] as const) {
    const estimate = differenceEstimate(sample, steps, allowed, stencil);
    if (estimate === undefined) continue;
    first ??= estimate;
    if (Math.abs(derivative - estimate.value) <= estimate.allowed) return { checked: true, matches: true, estimate };
  }
  return first === undefined ? { checked: false, matches: false } : { checked: true, matches: false, estimate: first };
}
