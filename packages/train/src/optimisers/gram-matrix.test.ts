import { seededRandom } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { gramMatrix } from './gram-matrix.ts';

/** A row-major [rows × columns] matrix of uniform numbers. */
function randomMatrix(rows: number, columns: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: rows * columns }, () => random.uniform() - 0.5);
}

describe('gramMatrix', () => {
  it.each([
    [1, 3],
    [2, 5],
    [7, 4],
    [8, 33],
    [33, 96],
  ])('gives the lower triangle of M·Mᵀ for a %i × %i matrix, each entry the in-order dot product to the bit', (count, length) => {
    const matrix = randomMatrix(count, length, count * 100 + length);
    const out = gramMatrix(matrix, count, length, new Float64Array(count * count).fill(Number.NaN));
    for (let a = 0; a < count; a++) {
      for (let b = 0; b <= a; b++) {
        let total = 0;
        for (let k = 0; k < length; k++) total += matrix[a * length + k]! * matrix[b * length + k]!;
        expect(out[a * count + b]).toBe(total);
      }
      // the upper triangle is not written
      for (let b = a + 1; b < count; b++) expect(out[a * count + b]).toBeNaN();
    }
  });
});
