/** The most points one line of a chart carries: enough to look smooth, few enough for a light page. */
export const maxPointsPerLine = 400;

/**
 * Indices of an evenly strided subset of `length` points, at most `maxPoints` of them, always
 * keeping the first and the last so a line still spans its whole interval.
 * @param length - number of points in the full series
 * @param maxPoints - the budget (≥ 2); defaults to {@link maxPointsPerLine}
 */
export function sampleIndices(length: number, maxPoints: number = maxPointsPerLine): number[] {
  if (length <= maxPoints) return Array.from({ length }, (_, i) => i);
  const indices: number[] = [];
  // Rounding a fractional stride spreads the dropped points evenly instead of bunching them at the end.
  for (let k = 0; k < maxPoints; k++) indices.push(Math.round((k * (length - 1)) / (maxPoints - 1)));
  return indices;
}
