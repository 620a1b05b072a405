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
    // Rows j and j + 1 against columns k and k + 1 at once: four sums per pass over i, each
    // operand loaded once for two products. Every sum still runs over i in ascending order and
    // the term i = k of a column k + 1 comes last, as in the one-entry-at-a-time loop, so the
    // factor is bit for bit the same.
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const row0 = j * n;
      const row1 = row0 + n;
      let d0 = 0;
      let d1 = 0;
      // j is even, so the pairs of columns k, k + 1 cover every column before the diagonal block.
      for (let k = 0; k + 1 < j; k += 2) {
        const rowK = k * n;
        const rowK1 = rowK + n;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let i = 0; i < k; i++) {
          const x0 = lower[row0 + i]!;
          const x1 = lower[row1 + i]!;
          const y0 = lower[rowK + i]!;
          const y1 = lower[rowK1 + i]!;
          s00 += y0 * x0;
          s01 += y1 * x0;
          s10 += y0 * x1;
          s11 += y1 * x1;
        }
        const l00 = (matrix[row0 + k]! - s00) / lower[rowK + k]!;
        const l10 = (matrix[row1 + k]! - s10) / lower[rowK + k]!;
        const below = lower[rowK1 + k]!;
        s01 += below * l00;
        s11 += below * l10;
        const l01 = (matrix[row0 + k + 1]! - s01) / lower[rowK1 + k + 1]!;
        const l11 = (matrix[row1 + k + 1]! - s11) / lower[rowK1 + k + 1]!;
        lower[row0 + k] = l00;
        lower[row0 + k + 1] = l01;
        lower[row1 + k] = l10;
        lower[row1 + k + 1] = l11;
        d0 = d0 + l00 * l00;
        d0 = d0 + l01 * l01;
        d1 = d1 + l10 * l10;
        d1 = d1 + l11 * l11;
      }
      d0 = matrix[row0 + j]! + shift - d0;
      if (!(d0 > 0)) return false;
      const pivot = Math.sqrt(d0);
      lower[row0 + j] = pivot;
      // row j + 1, column j: its sum over i < j against row j, now complete
      let s = 0;
      for (let i = 0; i < j; i++) s += lower[row0 + i]! * lower[row1 + i]!;
      const l = (matrix[row1 + j]! - s) / pivot;
      lower[row1 + j] = l;
      d1 = d1 + l * l;
      d1 = matrix[row1 + j + 1]! + shift - d1;
      if (!(d1 > 0)) return false;
      lower[row1 + j + 1] = Math.sqrt(d1);
    }
    if (j < n) {
      // the last row of an odd order
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
