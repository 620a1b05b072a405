import { type Rank, tensor1d, tensor2d, type Variable, variable } from '@tensorflow/tfjs-core';
import { type InitialiserName, initialisers } from '../initialisers/initialisers.ts';
import type { SeededRandom } from '@quadrant/spec';

/** A dense layer z = h·W + b: `weight` W is [fanIn, fanOut] (the second matMul operand), `bias` b is [fanOut]. */
export interface DenseLayer {
  readonly weight: Variable<Rank.R2>;
  readonly bias: Variable<Rank.R1>;
}

/**
 * Dense layers between consecutive `sizes` ([inputs, …hidden, outputs] gives sizes.length − 1
 * layers), initialised in order from one seeded stream, so the same seed gives the same weights.
 */
export function createDenseLayers(sizes: readonly number[], initialiser: InitialiserName, random: SeededRandom): DenseLayer[] {
  const layers: DenseLayer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i]!;
    const fanOut = sizes[i + 1]!;
    const values = initialisers[initialiser](fanIn, fanOut, random);
    const weightValues = tensor2d(values.weight, [fanIn, fanOut]);
    const biasValues = tensor1d(values.bias);
    // A variable shares its initial tensor's data, so freeing the initial tensor keeps the values.
    layers.push({ weight: variable(weightValues, true), bias: variable(biasValues, true) });
    weightValues.dispose();
    biasValues.dispose();
  }
  return layers;
}

/** The layers' variables in their stable order: weight then bias, layer by layer. */
export function denseLayerVariables(layers: readonly DenseLayer[]): Variable[] {
  return layers.flatMap((layer) => [layer.weight, layer.bias]);
}
