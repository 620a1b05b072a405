/**
 * Writes the lower triangle of the Gram matrix M·Mᵀ of a row-major [count × length] matrix M
 * into `out` (row-major [count × count]; entry (a, b) for b ≤ a is the dot product of rows a
 * and b; the upper triangle is left as it was). The normal matrix JᵀJ is the Gram matrix of
 * Jᵀ's rows, J's columns laid out contiguously; JJᵀ is that of J's rows.
 *
 * Each entry is one sum over k in order, so the result is bit for bit that of the plain triple
 * loop; the rows are taken four at a time against two others (eight sums per pass over k, each
 * operand loaded once for two or four products). Two against two measured 3× (96 × 99) to 6×
 * (1280 × 401) faster than accumulating outer products of J's rows into the matrix, four
 * against two another 7–10 % (PERFORMANCE.md, "The float64 normal equations").
 */
export function gramMatrix(matrix: Float64Array, count: number, length: number, out: Float64Array): Float64Array {
  let a = 0;
  for (; a + 3 < count; a += 4) {
    const row0 = a * length;
    const row1 = row0 + length;
    const row2 = row1 + length;
    const row3 = row2 + length;
    // Columns b < a: four rows against two columns, eight sums per pass over k.
    for (let b = 0; b < a; b += 2) {
      const rowB = b * length;
      const rowB1 = rowB + length;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let s20 = 0;
      let s21 = 0;
      let s30 = 0;
      let s31 = 0;
      for (let k = 0; k < length; k++) {
        const y0 = matrix[rowB + k]!;
        const y1 = matrix[rowB1 + k]!;
        const x0 = matrix[row0 + k]!;
        const x1 = matrix[row1 + k]!;
        const x2 = matrix[row2 + k]!;
        const x3 = matrix[row3 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s30 += x3 * y0;
        s31 += x3 * y1;
      }
      const entry = a * count + b;
      out[entry] = s00;
      out[entry + 1] = s01;
      out[entry + count] = s10;
      out[entry + count + 1] = s11;
      out[entry + 2 * count] = s20;
      out[entry + 2 * count + 1] = s21;
      out[entry + 3 * count] = s30;
      out[entry + 3 * count + 1] = s31;
    }
    // The 4 × 4 block on the diagonal: rows a + 2, a + 3 against columns a, a + 1, then two 2 × 2 diagonal blocks.
    twoByTwo(matrix, count, length, out, a + 2, a);
    diagonalPair(matrix, count, length, out, a);
    diagonalPair(matrix, count, length, out, a + 2);
  }
  for (; a + 1 < count; a += 2) {
    for (let b = 0; b + 1 <= a; b += 2) twoByTwo(matrix, count, length, out, a, b);
    diagonalPair(matrix, count, length, out, a);
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

/** Entries (a, b), (a, b + 1), (a + 1, b), (a + 1, b + 1) of M·Mᵀ, for b + 1 < a. */
function twoByTwo(matrix: Float64Array, count: number, length: number, out: Float64Array, a: number, b: number): void {
  const rowA = a * length;
  const rowNext = rowA + length;
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

/** Entries (a, a), (a + 1, a), (a + 1, a + 1) of M·Mᵀ: the 2 × 2 block on the diagonal, row a stopping at its diagonal. */
function diagonalPair(matrix: Float64Array, count: number, length: number, out: Float64Array, a: number): void {
  const rowA = a * length;
  const rowNext = rowA + length;
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
