/** `points` evenly spaced values from `start` to `end`, both included (just `start` for one point). */
export function evenlySpaced(start: number, end: number, points: number): Float64Array {
  return Float64Array.from({ length: points }, (_, i) => (points === 1 ? start : start + ((end - start) * i) / (points - 1)));
}
