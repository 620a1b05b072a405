import { QuadrantError } from '@quadrant/spec';

/**
 * Refuses two series of different lengths: compared point by point, they must share one grid.
 * @param where - the function (and component) to name in the message
 * @throws QuadrantError `SHAPE_MISMATCH` naming both lengths
 */
export function checkSameLength(where: string, predicted: ArrayLike<number>, reference: ArrayLike<number>, referenceName = 'reference'): void {
  if (predicted.length === reference.length) return;
  throw new QuadrantError(
    'SHAPE_MISMATCH',
    `${where}: predicted has ${predicted.length} points but ${referenceName} has ${reference.length}; evaluate both on the same grid`,
  );
}
