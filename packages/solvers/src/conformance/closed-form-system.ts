import type { FirstOrderSystemV1 } from '@quadrant/spec';

/**
 * A smooth first-order system with a closed form, on which the solver kit measures accuracy:
 * an oscillator x'' = −x (x = cos t, x' = −sin t), the logistic p' = p(1 − p) with p(0) = 0.2
 * (p = 1 / (1 + 4e^(−t))), and q' = cos(t)·q with q(0) = 1 (q = e^(sin t)). Linear, nonlinear
 * and time-dependent together, so a stage evaluated at the wrong state or the wrong time shows.
 */
export const closedFormSystem: FirstOrderSystemV1 = {
  names: ['x', "x'", 'p', 'q'],
  t0: 0,
  y0: Float64Array.of(1, 0, 0.2, 1),
  rhs(t, y, out) {
    out[0] = y[1]!;
    out[1] = -y[0]!;
    out[2] = y[2]! * (1 - y[2]!);
    out[3] = Math.cos(t) * y[3]!;
  },
  jacobian(t, y, out) {
    out.fill(0);
    out[1] = 1;
    out[4] = -1;
    out[10] = 1 - 2 * y[2]!;
    out[15] = Math.cos(t);
  },
};

/** The closed form of {@link closedFormSystem} at t, one value per component. */
export function closedFormAt(t: number): Float64Array {
  return Float64Array.of(Math.cos(t), -Math.sin(t), 1 / (1 + 4 * Math.exp(-t)), Math.exp(Math.sin(t)));
}
