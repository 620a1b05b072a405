import { didYouMean } from '@quadrant/spec';
import { z } from 'zod';
import type { SeededRandom } from '@quadrant/spec';

/** Initial values of one dense layer, row-major: `weight` is [fanIn, fanOut], `bias` is [fanOut]. */
export interface DenseInitialValues {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/** Draws the initial weights and bias of a dense layer from a seeded stream. */
export type Initialiser = (fanIn: number, fanOut: number, random: SeededRandom) => DenseInitialValues;

function normalValues(standardDeviation: number, count: number, random: SeededRandom): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = standardDeviation * random.normal();
  return values;
}

function uniformValues(bound: number, count: number, random: SeededRandom): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = bound * (2 * random.uniform() - 1);
  return values;
}

const names = ['glorot-normal', 'glorot-uniform', 'he-normal', 'pytorch-default'] as const;

/** Name of a weight initialiser. */
export type InitialiserName = (typeof names)[number];

/**
 * Weight initialisers by name. Biases start at zero except for `pytorch-default`.
 * - `glorot-normal`: N(0, 2/(fanIn + fanOut)) (Glorot and Bengio 2010; untruncated).
 * - `glorot-uniform`: U(±√(6/(fanIn + fanOut))).
 * - `he-normal`: N(0, 2/fanIn) (He et al. 2015), for ReLU-like activations.
 * - `pytorch-default`: weights and biases U(±1/√fanIn), what PyTorch's `nn.Linear` does
 *   (and so the configuration of the article Quadrant reproduces).
 */
export const initialisers: Readonly<Record<InitialiserName, Initialiser>> = {
  'glorot-normal': (fanIn, fanOut, random) => ({
    weight: normalValues(Math.sqrt(2 / (fanIn + fanOut)), fanIn * fanOut, random),
    bias: new Float32Array(fanOut),
  }),
  'glorot-uniform': (fanIn, fanOut, random) => ({
    weight: uniformValues(Math.sqrt(6 / (fanIn + fanOut)), fanIn * fanOut, random),
    bias: new Float32Array(fanOut),
  }),
  'he-normal': (fanIn, fanOut, random) => ({
    weight: normalValues(Math.sqrt(2 / fanIn), fanIn * fanOut, random),
    bias: new Float32Array(fanOut),
  }),
  'pytorch-default': (fanIn, fanOut, random) => {
    const bound = 1 / Math.sqrt(fanIn);
    return { weight: uniformValues(bound, fanIn * fanOut, random), bias: uniformValues(bound, fanOut, random) };
  },
};

/** Schema of an initialiser name; an unknown name fails listing the available ones and the closest. */
export const initialiserName = z.enum(names, {
  error: (issue) => `unknown initialiser '${String(issue.input)}'; available: ${names.join(', ')}${didYouMean(String(issue.input), names)}`,
});
