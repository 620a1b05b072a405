/** An LU factorisation with partial pivoting, PA = LU, of a dense n × n matrix. */
export interface LuFactors {
  readonly size: number;
  /** Overwrites `b` (length n) with the solution x of A·x = b. */
  solve(b: Float64Array): void;
}

/**
 * Factors a dense matrix by Gaussian elimination with partial pivoting (Golub & Van Loan,
 * Matrix Computations, algorithm 3.4.1): the small systems of an implicit ODE step, where
 * n is the number of state components. Written here rather than taken from ml-matrix because
 * a stiff solve factors thousands of such n × n systems that live in `Float64Array`s, and
 * this package otherwise needs no linear-algebra dependency.
 * @param matrix - row-major [n × n] (`matrix[i * n + k]` is row i, column k); overwritten by the factors
 * @returns the factors, or undefined when a pivot is zero or not finite (a singular matrix,
 *   or one holding NaN or ±Infinity)
 */
export function luFactors(matrix: Float64Array, n: number): LuFactors | undefined {
  const pivots = new Int32Array(n);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    let largest = Math.abs(matrix[column * n + column]!);
    for (let row = column + 1; row < n; row++) {
      const size = Math.abs(matrix[row * n + column]!);
      if (size > largest) {
        largest = size;
        pivot = row;
      }
    }
    if (!(largest > 0) || !Number.isFinite(largest)) return undefined;
    pivots[column] = pivot;
    if (pivot !== column) {
      for (let k = 0; k < n; k++) {
        const swap = matrix[column * n + k]!;
        matrix[column * n + k] = matrix[pivot * n + k]!;
        matrix[pivot * n + k] = swap;
      }
    }
    const diagonal = matrix[column * n + column]!;
    for (let row = column + 1; row < n; row++) {
      const factor = matrix[row * n + column]! / diagonal;
      matrix[row * n + column] = factor;
      if (factor === 0) continue;
      for (let k = column + 1; k < n; k++) matrix[row * n + k] = matrix[row * n + k]! - factor * matrix[column * n + k]!;
    }
  }
  // A NaN or ±Infinity off the pivots' columns never reaches a pivot test.
  if (!matrix.every(Number.isFinite)) return undefined;
  return {
    size: n,
    solve(b) {
      // Whole rows were swapped while factoring (multipliers included), so b takes every swap first;
      // then forward substitution with L (unit diagonal) and back substitution with U.
      for (let column = 0; column < n; column++) {
        const pivot = pivots[column]!;
        if (pivot === column) continue;
        const swap = b[column]!;
        b[column] = b[pivot]!;
        b[pivot] = swap;
      }
      for (let column = 0; column < n; column++) {
        const value = b[column]!;
        if (value !== 0) for (let row = column + 1; row < n; row++) b[row] = b[row]! - matrix[row * n + column]! * value;
      }
      for (let row = n - 1; row >= 0; row--) {
        let sum = b[row]!;
        for (let k = row + 1; k < n; k++) sum -= matrix[row * n + k]! * b[k]!;
        b[row] = sum / matrix[row * n + row]!;
      }
    },
  };
}
