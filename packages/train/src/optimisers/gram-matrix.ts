/**
 * Writes the lower triangle of the Gram matrix M·Mᵀ of a row-major [count × length] matrix M
 * into `out` (row-major [count × count]; entry (a, b) for b ≤ a is the dot product of rows a
 * and b; the upper triangle is left as it was). The normal matrix JᵀJ is the Gram matrix of
 * Jᵀ's rows, J's columns laid out contiguously; JJᵀ is that of J's rows.
 *
 * Each entry is one sum over k in order, so the result is bit for bit that of the plain triple
 * loop; the rows are taken two by two against two others (four sums per pass over k, each
 * operand loaded once for two products), which measured 3× (96 × 99) to 6× (1280 × 401)
 * faster than accumulating outer products of J's rows into the matrix (PERFORMANCE.md, "The
 * float64 normal equations").
 */
export function gramMatrix(matrix: Float64Array, count: number, length: number, out: Float64Array): Float64Array {
  let a = 0;
  for (; a + 1 < count; a += 2) {
    const rowA = a * length;
    const rowNext = rowA + length;
    let b = 0;
    for (; b + 1 <= a; b += 2) {
      const rowB = b * length;
      const rowB1 = rowB + length;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < length; k++) {
        const x0 = matrix[rowA + k]!;
        const x1 = matrix[rowNext + k]!;
        const y0 = matrix[rowB + k]!;
        const y1 = matrix[rowB1 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      out[a * count + b] = s00;
      out[a * count + b + 1] = s01;
      out[(a + 1) * count + b] = s10;
      out[(a + 1) * count + b + 1] = s11;
    }
    // b = a and b = a + 1 (the 2 × 2 block on the diagonal; row a stops at its diagonal)
    let s00 = 0;
    let s10 = 0;
    let s11 = 0;
    for (let k = 0; k < length; k++) {
      const x0 = matrix[rowA + k]!;
      const x1 = matrix[rowNext + k]!;
      s00 += x0 * x0;
      s10 += x1 * x0;
      s11 += x1 * x1;
    }
    out[a * count + a] = s00;
    out[(a + 1) * count + a] = s10;
    out[(a + 1) * count + a + 1] = s11;
  }
  if (a < count) {
    // the last row of an odd count
    const rowA = a * length;
    for (let b = 0; b <= a; b++) {
      const rowB = b * length;
      let total = 0;
      for (let k = 0; k < length; k++) total += matrix[rowA + k]! * matrix[rowB + k]!;
      out[a * count + b] = total;
    }
  }
  return out;
}
