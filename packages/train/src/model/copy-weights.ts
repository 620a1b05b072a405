import { type NetworkV1, QuadrantError } from '@quadrant/spec';
import { shapeMismatch } from './shape-mismatch.ts';

/**
 * Copies one network's weights into another of the same shapes: in float64 where both have
 * that path (no rounding to float32 on the way), else variable by variable.
 * @param what - what `from` is, for the message (`the initial model`)
 * @throws QuadrantError `CONFIG_INVALID` when the two networks' variables differ in number or shape
 */
export function copyWeights(from: NetworkV1, to: NetworkV1, what: string): void {
  const mismatch = shapeMismatch(
    from.variables.map((each) => each.shape),
    to.variables,
    what,
  );
  if (mismatch !== undefined) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `${what}: does not fit the ${to.architecture} network of these settings: ${mismatch}; continue with the settings it was trained with`,
    );
  }
  if (from.float64 !== undefined && to.float64 !== undefined) {
    to.float64.write(from.float64.read());
    return;
  }
  to.variables.forEach((variable, i) => {
    variable.assign(from.variables[i]!);
  });
}
