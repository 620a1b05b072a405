/** The objective along a line: the loss and its gradient at x + t·d. */
export type LineObjective = (t: number) => { value: number; gradient: Float64Array };

/** Where a line search ended. */
export interface LineSearchResult {
  readonly t: number;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly evaluations: number;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};

/**
 * Minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1, g2, clamped to
 * [low, high]; the midpoint when the cubic has no minimum (Nocedal and Wright, eq. 3.59).
 */
function cubicMinimum(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: readonly [number, number]): number {
  const [low, high] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const squared = d1 * d1 - g1 * g2;
  if (squared >= 0) {
    const d2 = Math.sqrt(squared);
    const minimum = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    if (Number.isFinite(minimum)) return Math.min(Math.max(minimum, low), high);
  }
  return (low + high) / 2;
}

/**
 * A line search that meets the strong Wolfe conditions f(t) ≤ f(0) + c1·t·f'(0) and
 * |f'(t)| ≤ c2·|f'(0)|: bracketing, then zoom by safeguarded cubic interpolation
 * (Nocedal and Wright, algorithms 3.5 and 3.6; the same steps as PyTorch's L-BFGS).
 * With `noise` > 0, values within `noise` of each other count as equal (the sufficient-decrease
 * test allows that much), so a float32 loss below its resolution does not stop the search.
 * @param value - f(0); `gradient` the gradient at t = 0; `slope` f'(0) = gradient·d (negative)
 */
export function strongWolfe(
  objective: LineObjective,
  direction: Float64Array,
  start: { value: number; gradient: Float64Array; slope: number },
  initialStep: number,
  settings: { c1?: number; c2?: number; toleranceChange: number; maxEvaluations: number; noise?: number },
): LineSearchResult {
  const c1 = settings.c1 ?? 1e-4;
  const c2 = settings.c2 ?? 0.9;
  const noise = settings.noise ?? 0;
  let directionNorm = 0;
  for (const each of direction) directionNorm = Math.max(directionNorm, Math.abs(each));
  let t = initialStep;
  let current = objective(t);
  let evaluations = 1;
  let slope = dot(current.gradient, direction);
  let previous = { t: 0, value: start.value, gradient: start.gradient, slope: start.slope };
  let bracket: { t: number; value: number; gradient: Float64Array; slope: number }[] = [];
  let done = false;
  let iterations = 0;
  while (iterations < settings.maxEvaluations) {
    const here = { t, value: current.value, gradient: current.gradient, slope };
    if (!Number.isFinite(current.value) || current.value > start.value + c1 * t * start.slope + noise || (iterations > 1 && current.value >= previous.value)) {
      bracket = [previous, here];
      break;
    }
    if (Math.abs(slope) <= -c2 * start.slope) {
      bracket = [here];
      done = true;
      break;
    }
    if (slope >= 0) {
      bracket = [previous, here];
      break;
    }
    // Extrapolate: between a little past t and ten times t.
    const next = cubicMinimum(previous.t, previous.value, previous.slope, t, current.value, slope, [t + 0.01 * (t - previous.t), t * 10]);
    previous = here;
    t = next;
    current = objective(t);
    evaluations++;
    slope = dot(current.gradient, direction);
    iterations++;
  }
  if (iterations === settings.maxEvaluations)
    bracket = [
      { t: 0, value: start.value, gradient: start.gradient, slope: start.slope },
      { t, value: current.value, gradient: current.gradient, slope },
    ];

  // Zoom: shrink the bracket until a point meets both conditions.
  let insufficientProgress = false;
  let [low, high] = bracket.length === 1 || bracket[0]!.value <= bracket[1]!.value ? [0, 1] : [1, 0];
  while (!done && iterations < settings.maxEvaluations && bracket.length === 2) {
    const a = bracket[0]!;
    const b = bracket[1]!;
    if (Math.abs(b.t - a.t) * directionNorm < settings.toleranceChange) break;
    t = cubicMinimum(a.t, a.value, a.slope, b.t, b.value, b.slope);
    const top = Math.max(a.t, b.t);
    const bottom = Math.min(a.t, b.t);
    const margin = 0.1 * (top - bottom);
    // Keep away from the ends of the bracket, or it may shrink too slowly.
    if (Math.min(top - t, t - bottom) < margin) {
      if (insufficientProgress || t >= top || t <= bottom) {
        t = Math.abs(t - top) < Math.abs(t - bottom) ? top - margin : bottom + margin;
        insufficientProgress = false;
      } else insufficientProgress = true;
    } else insufficientProgress = false;
    current = objective(t);
    evaluations++;
    slope = dot(current.gradient, direction);
    iterations++;
    const here = { t, value: current.value, gradient: current.gradient, slope };
    if (!Number.isFinite(current.value) || current.value > start.value + c1 * t * start.slope + noise || current.value >= bracket[low]!.value + noise) {
      bracket[high] = here;
      [low, high] = bracket[0]!.value <= bracket[1]!.value ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(slope) <= -c2 * start.slope) done = true;
      else if (slope * (bracket[high]!.t - bracket[low]!.t) >= 0) bracket[high] = bracket[low]!;
      bracket[low] = here;
    }
  }
  const best = bracket[low]!;
  return { t: best.t, value: best.value, gradient: best.gradient, evaluations };
}
