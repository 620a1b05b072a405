import type { SinusoidValues } from './conformance/sinusoid-network.ts';

/** Test fixture: d^k/dt^k of output j of `sinusoidNetwork(values)` at t, in float64: a·b^k·sin(b·t + φ + kπ/2) (+ c for k = 0). */
export function sinusoidJet(values: SinusoidValues, j: number, t: number, k: number): number {
  const a = values.amplitude[j]!;
  const b = values.frequency[j]!;
  const derivative = a * b ** k * Math.sin(b * t + values.phase[j]! + (k * Math.PI) / 2);
  return k === 0 ? derivative + values.offset[j]! : derivative;
}
