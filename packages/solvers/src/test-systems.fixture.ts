import { type FirstOrderSystemV1, QuadrantError } from '@quadrant/spec';

/** Test fixture: `points` evenly spaced values from `from` to `to` inclusive. */
export const linspace = (from: number, to: number, points: number): Float64Array =>
  Float64Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));

/** Test fixture: y' = −y, y(0) = 1, whose solution is exp(−t). */
export const decay: FirstOrderSystemV1 = {
  names: ['y'],
  t0: 0,
  y0: Float64Array.of(1),
  rhs: (_t, y, out) => {
    out[0] = -y[0]!;
  },
};

/**
 * Test fixture: y' = 1/t, y(0) = 0, infinite at its own start. Written by hand, since
 * `compileProblem` refuses a problem whose equation is not finite at its initial values.
 */
export const inverse: FirstOrderSystemV1 = {
  names: ['y'],
  t0: 0,
  y0: Float64Array.of(0),
  rhs: (t, _y, out) => {
    out[0] = 1 / t;
  },
};

/** Test fixture: the QuadrantError that `run` throws (anything else fails the test). */
export function failure(run: () => unknown): QuadrantError {
  try {
    run();
  } catch (error) {
    if (QuadrantError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a QuadrantError, but the call returned');
}
