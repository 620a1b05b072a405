/** Folds a value back into [start, end] by reflection at the ends, so jittered points keep a flat density. */
export function reflectIntoDomain(value: number, domain: readonly [number, number]): number {
  const [start, end] = domain;
  const width = end - start;
  // Reflection is periodic with period 2·width: fold there first, then mirror the upper half.
  let offset = (value - start) % (2 * width);
  if (offset < 0) offset += 2 * width;
  return start + (offset > width ? 2 * width - offset : offset);
}
