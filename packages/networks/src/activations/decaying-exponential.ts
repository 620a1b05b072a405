/**
 * e = e^−a and m = e − 1 for a ≥ 0, each to full relative accuracy: `expm1` where e is near 1,
 * `exp` in the tail. tanh and the sigmoid build their float64 values and derivatives from them.
 */
export function decayingExponential(a: number): { readonly e: number; readonly m: number } {
  if (a < 0.5) {
    const m = Math.expm1(-a);
    return { e: 1 + m, m };
  }
  const e = Math.exp(-a);
  return { e, m: e - 1 };
}
