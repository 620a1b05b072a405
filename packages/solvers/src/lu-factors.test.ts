import { describe, expect, it } from 'vitest';
import { luFactors } from './lu-factors.ts';

/** A·x for a row-major [n × n] matrix. */
function times(matrix: readonly number[], x: Float64Array): number[] {
  const n = x.length;
  return Array.from({ length: n }, (_, i) => x.reduce((sum, value, k) => sum + matrix[i * n + k]! * value, 0));
}

describe('luFactors', () => {
  it('solves a system that needs row swaps (a zero on the diagonal)', () => {
    const matrix = [0, 2, 1, 1, 1, 1, 4, -3, 2];
    // b = A·(1, 2, 1) by hand: (0 + 4 + 1, 1 + 2 + 1, 4 − 6 + 2).
    const x = Float64Array.of(5, 4, 0);
    luFactors(Float64Array.from(matrix), 3)!.solve(x);
    expect(Array.from(x, (value) => Number(value.toFixed(12)))).toEqual([1, 2, 1]);
  });

  it('solves random well-conditioned systems to round-off, and reuses one factorisation', () => {
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648 - 0.5;
    };
    for (const n of [1, 2, 5, 9]) {
      // Diagonally dominant, so well conditioned, but with pivots that are not the largest in their column at first.
      const matrix = Array.from({ length: n * n }, (_, index) => random() + (index % (n + 1) === 0 ? 0.3 * n : 0));
      const factors = luFactors(Float64Array.from(matrix), n)!;
      for (let trial = 0; trial < 3; trial++) {
        const b = Array.from({ length: n }, random);
        const x = Float64Array.from(b);
        factors.solve(x);
        const residual = Math.max(...times(matrix, x).map((value, i) => Math.abs(value - b[i]!)));
        expect(residual).toBeLessThan(1e-13);
      }
    }
  });

  it('reports a singular matrix, or one holding NaN, as undefined', () => {
    expect(luFactors(Float64Array.of(1, 2, 2, 4), 2)).toBeUndefined();
    expect(luFactors(Float64Array.of(1, Number.NaN, 0, 1), 2)).toBeUndefined();
    expect(luFactors(Float64Array.of(0), 1)).toBeUndefined();
  });
});
