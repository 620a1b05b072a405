import { checkSameLength } from './check-same-length.ts';

/**
 * The absolute error at every point, |predicted[i] − reference[i]|: the error-versus-t
 * curve of a report (plot it on a log axis). NaN and Infinity pass through.
 * @returns [N] absolute errors
 * @throws QuadrantError `SHAPE_MISMATCH` when the lengths differ
 */
export function errorCurve(predicted: ArrayLike<number>, reference: ArrayLike<number>): Float64Array {
  checkSameLength('errorCurve', predicted, reference);
  const curve = new Float64Array(reference.length);
  for (let i = 0; i < curve.length; i++) curve[i] = Math.abs(predicted[i]! - reference[i]!);
  return curve;
}
