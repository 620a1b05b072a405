import { type Variable, tensor, tidy } from '@tensorflow/tfjs-core';
import { QuadrantError } from '@quadrant/spec';

/** The parameter half of a `Float64PathV1`: a float64 copy of a network's variables. */
export interface Float64Parameters {
  /** The variables' sizes added up. */
  readonly size: number;
  /** The float64 copy while the variables still hold its float32 rounding, else the variables' values. */
  read(): Float64Array;
  /** Keeps `parameters` as the float64 copy and assigns their float32 rounding to the variables. */
  write(parameters: Float64Array): void;
}

/**
 * A float64 copy of `variables` (flattened in order). The variables stay the tfjs path's
 * truth: when a first-order optimiser has moved them since the last `write`, `read` returns
 * their values instead of the stale copy.
 */
export function float64Parameters(variables: readonly Variable[]): Float64Parameters {
  const sizes = variables.map((each) => each.size);
  const size = sizes.reduce((total, each) => total + each, 0);
  let copy: Float64Array | undefined;
  const current = (): Float32Array => {
    const values = new Float32Array(size);
    let offset = 0;
    for (const each of variables) {
      values.set(each.dataSync() as Float32Array, offset);
      offset += each.size;
    }
    return values;
  };
  return {
    size,
    read() {
      const values = current();
      if (copy?.every((value, i) => Math.fround(value) === values[i])) return copy.slice();
      copy = undefined;
      return Float64Array.from(values);
    },
    write(parameters) {
      if (parameters.length !== size) {
        throw new QuadrantError('SHAPE_MISMATCH', `float64 parameters: expected ${size} values, got ${parameters.length}`);
      }
      copy = parameters.slice();
      tidy(() => {
        let offset = 0;
        variables.forEach((each, i) => {
          each.assign(tensor(Float32Array.from(parameters.subarray(offset, offset + sizes[i]!)), each.shape));
          offset += sizes[i]!;
        });
      });
    },
  };
}
