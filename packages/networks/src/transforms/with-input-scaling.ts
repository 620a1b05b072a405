import { add, mul, type Tensor, type Tensor2D, tensor2d } from '@tensorflow/tfjs-core';
import { type JetsWithVjpV1, type NetworkV1, QuadrantError } from '@quadrant/spec';
import { assertJetRequest } from '../jets/assert-jet-request.ts';
import { wrapNetwork } from './wrap-network.ts';

/** The interval of the independent variable that the network should see as [−1, 1]. */
export interface InputInterval {
  readonly start: number;
  readonly end: number;
  /**
   * Intervals of the further input columns (a bundle's parameters), one per column after t,
   * each also seen as [−1, 1]; columns without one are fed as they are.
   */
  readonly further?: readonly { readonly start: number; readonly end: number }[];
}

/**
 * Feeds the network s = (t − c)/h instead of t, with c the interval's centre and h its half
 * length, so the first layer sees [−1, 1] whatever the domain: on [0, 12] raw inputs push tanh
 * units into saturation at initialisation and training stalls in a wrong solution. Jets follow
 * by the chain rule, y^(k)(t) = N^(k)(s) / h^k, and so does the fast path: the cotangent of
 * N^(k) is that of y^(k) divided by h^k. Input column 0 (the independent variable) is
 * scaled, and the further columns that `further` gives intervals for. Variables, shape and jetOrder are the network's; dispose frees it.
 * @throws QuadrantError `CONFIG_INVALID` when the interval is empty, reversed or not finite
 */
export function withInputScaling(network: NetworkV1, interval: InputInterval): NetworkV1 {
  const { start, end } = interval;
  const intervals = [{ start, end }, ...(interval.further ?? [])];
  for (const each of intervals) {
    if (!(Number.isFinite(each.start) && Number.isFinite(each.end) && each.end > each.start)) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `input scaling of ${network.architecture}: the interval must be finite with start < end (got [${each.start}, ${each.end}])`,
      );
    }
  }
  const { inputs } = network.shape;
  const half = (end - start) / 2;
  const centre = (start + end) / 2;
  // Column i is fed x·scale_i + shift_i: (x − c)/h on a column with an interval, x itself on the others.
  const scale64 = Float64Array.from({ length: inputs }, (_, i) => (i < intervals.length ? 2 / (intervals[i]!.end - intervals[i]!.start) : 1));
  const shift64 = Float64Array.from({ length: inputs }, (_, i) => (i < intervals.length ? -(intervals[i]!.start + intervals[i]!.end) / 2 : 0) * scale64[i]!);
  // s = t·(1/h) − c/h, as one multiply and one add on rows.
  const scaleRow = Float32Array.from(scale64);
  const shiftRow = Float32Array.from(shift64);
  const columns = inputs - 1;
  const scaleFurther = (extra: Float64Array | undefined) =>
    extra === undefined || columns === 0 ? extra : extra.map((each, index) => each * scale64[1 + (index % columns)]! + shift64[1 + (index % columns)]!);
  const scaled = (input: Tensor2D): Tensor2D => add(mul(input, tensor2d(scaleRow, [1, inputs])), tensor2d(shiftRow, [1, inputs]));
  /** y^(k) from N^(k): 1/h^k, with no multiply for k = 0 or h = 1. */
  const rescale = (jet: Tensor2D, k: number): Tensor2D => (k === 0 || half === 1 ? jet : mul(jet, half ** -k));

  const inner64 = network.float64;
  const transformed: NetworkV1 = {
    ...wrapNetwork(network, (input, order) => network.jets(scaled(input), order).map(rescale)),
    ...(inner64 === undefined
      ? {}
      : {
          float64: {
            ...inner64,
            jets(parameters, t, order, jacobian, extra) {
              const result = inner64.jets(
                parameters,
                t.map((each) => (each - centre) / half),
                order,
                jacobian,
                scaleFurther(extra),
              );
              // In place: the arrays are the inner call's, made for this call alone, and the Jacobian's
              // blocks are the largest the float64 training allocates per iteration.
              const rescale64 = (blocks: readonly Float64Array[]) => {
                for (let k = 1; k < blocks.length; k++) {
                  const block = blocks[k]!;
                  const factor = half ** -k;
                  for (let index = 0; index < block.length; index++) block[index] = block[index]! * factor;
                }
                return blocks;
              };
              return { jets: rescale64(result.jets), ...(result.jacobian === undefined ? {} : { jacobian: rescale64(result.jacobian) }) };
            },
          },
        }),
  };
  const jetsWithVjp = network.jetsWithVjp?.bind(network);
  if (jetsWithVjp === undefined) return transformed;
  return {
    ...transformed,
    jetsWithVjp(input, order): JetsWithVjpV1 {
      assertJetRequest(network.architecture, input, order, network.jetOrder, inputs);
      const inner = jetsWithVjp(scaled(input), order);
      return {
        jets: inner.jets.map(rescale),
        vjp: (cotangents): Tensor[] => inner.vjp(cotangents.map((cotangent, k) => (cotangent === undefined ? undefined : rescale(cotangent, k)))),
      };
    },
  };
}
