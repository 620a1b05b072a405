import { seededRandom } from '@quadrant/spec';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { CholeskyFactor } from './cholesky-factor.ts';
import { gramMatrix } from './gram-matrix.ts';

/** A row-major [rows × columns] matrix of uniform numbers. */
function randomMatrix(rows: number, columns: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: rows * columns }, () => random.uniform() - 0.5);
}

describe('CholeskyFactor', () => {
  it.each([1, 2, 3, 8, 33, 99])('solves a shifted symmetric positive definite system of order %i exactly as ml-matrix does', (n) => {
    const rows = n + 3;
    const jacobian = randomMatrix(n, rows, n);
    // JᵀJ with J's columns as the rows given; A's upper triangle is left as garbage, since only the lower one is read.
    const matrix = gramMatrix(jacobian, n, rows, new Float64Array(n * n).fill(Number.NaN));
    const shift = 1e-3;
    const right = randomMatrix(n, 1, n + 7);
    const cholesky = new CholeskyFactor(n);
    expect(cholesky.factor(matrix, shift)).toBe(true);
    const solution = cholesky.solve(right.slice());
    const dense = new Matrix(n, n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) dense.set(a, b, matrix[Math.max(a, b) * n + Math.min(a, b)]! + (a === b ? shift : 0));
    const expected = new CholeskyDecomposition(dense).solve(Matrix.columnVector(Array.from(right))).to1DArray();
    expect(Array.from(solution)).toEqual(expected);
    // and it is a solution: ‖(A + shift·I)x − b‖ at round-off
    for (let a = 0; a < n; a++) {
      let total = shift * solution[a]!;
      for (let b = 0; b < n; b++) total += matrix[Math.max(a, b) * n + Math.min(a, b)]! * solution[b]!;
      expect(Math.abs(total - right[a]!)).toBeLessThan(1e-8);
    }
  });

  it.each([
    ['indefinite', [1, 2, 2, 1], 0],
    ['singular', [1, 1, 1, 1], 0],
    ['holding NaN', [1, 0, Number.NaN, 1], 0],
    ['made indefinite by its shift', [1, 0, 0, 1], -2],
  ])('refuses a matrix %s', (_, entries, shift) => {
    const cholesky = new CholeskyFactor(2);
    expect(cholesky.factor(Float64Array.from(entries), shift)).toBe(false);
  });
});
