import type { Variable } from '@tensorflow/tfjs-core';

/**
 * How a list of variable shapes differs from a network's variables (their number, or the first
 * shape that differs), or undefined when they fit one to one.
 * @param what - the given side, named in the message (`the saved weights`, `the initial model`)
 */
export function shapeMismatch(shapes: readonly (readonly number[])[], variables: readonly Variable[], what: string): string | undefined {
  if (shapes.length !== variables.length) return `${shapes.length} variables in ${what}, ${variables.length} in the network`;
  const index = shapes.findIndex((shape, i) => shape.join(',') !== variables[i]!.shape.join(','));
  return index < 0 ? undefined : `variable ${index} is [${shapes[index]!.join(', ')}] in ${what}, [${variables[index]!.shape.join(', ')}] in the network`;
}
