/**
 * The Cholesky factor L (A + dI = LLᵀ) of a symmetric positive definite matrix shifted on its
 * diagonal, and the solve with it, over flat row-major `Float64Array`s. Written here rather than
 * taken from ml-matrix's `CholeskyDecomposition` because Levenberg–Marquardt factors one such
 * matrix per iteration and damping retry: ml-matrix copies it into nested arrays, checks its
 * symmetry, allocates the factor and the right-hand side's matrix on every call and reads each
 * entry through a method, which took as long as forming JᵀJ itself (PERFORMANCE.md, "The
 * float64 normal equations"). The operations are ml-matrix's (Cholesky–Banachiewicz, row by
 * row), in the same order, so the solution is the same to the last bit.
 */
export class CholeskyFactor {
  /** Row-major [n × n]; its lower triangle holds L after a successful `factor`. */
  readonly lower: Float64Array;

  /** @param n - the matrix's order; the factor's storage is allocated once, here. */
  constructor(readonly n: number) {
    this.lower = new Float64Array(n * n);
  }

  /**
   * Factors A + shift·I, reading A's lower triangle (row-major [n × n]; entries above the
   * diagonal are not read).
   * @returns false, leaving the factor incomplete, when the shifted matrix is not positive definite
   *   (a pivot ≤ 0 or NaN)
   */
  factor(matrix: Float64Array, shift: number): boolean {
    const { n, lower } = this;
    for (let j = 0; j < n; j++) {
      const rowJ = j * n;
      let d = 0;
      for (let k = 0; k < j; k++) {
        const rowK = k * n;
        let s = 0;
        for (let i = 0; i < k; i++) s += lower[rowK + i]! * lower[rowJ + i]!;
        s = (matrix[rowJ + k]! - s) / lower[rowK + k]!;
        lower[rowJ + k] = s;
        d = d + s * s;
      }
      d = matrix[rowJ + j]! + shift - d;
      if (!(d > 0)) return false;
      lower[rowJ + j] = Math.sqrt(d);
    }
    return true;
  }

  /** Overwrites `right` (length n) with x solving LLᵀx = right, by forward then back substitution; returns it. */
  solve(right: Float64Array): Float64Array {
    const { n, lower } = this;
    for (let k = 0; k < n; k++) {
      const rowK = k * n;
      let value = right[k]!;
      for (let i = 0; i < k; i++) value -= right[i]! * lower[rowK + i]!;
      right[k] = value / lower[rowK + k]!;
    }
    for (let k = n - 1; k >= 0; k--) {
      let value = right[k]!;
      for (let i = k + 1; i < n; i++) value -= right[i]! * lower[i * n + k]!;
      right[k] = value / lower[k * n + k]!;
    }
    return right;
  }
}
