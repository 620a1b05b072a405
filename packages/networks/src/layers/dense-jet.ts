import { add, matMul, mul, slice, type Tensor2D } from '@tensorflow/tfjs-core';
import { type Jet, type StackedJet, unstackJet } from '../jets/jet.ts';
import type { DenseLayer } from './dense-layer.ts';

/**
 * The jet of z = h·W + b from a stacked jet of h: z^(k) = h^(k)·W for every order at once (one
 * matMul, the weights as its second operand), then + b on the value only, since b is constant in t.
 */
export function denseJet(h: StackedJet, layer: DenseLayer): Jet {
  const jet = unstackJet(matMul(h.matrix, layer.weight), h.orders, h.order);
  jet[0] = add<Tensor2D>(jet[0]!, layer.bias);
  return jet;
}

/**
 * The jet of z = x·W + b for the network's input x = [t, other inputs]: x' is the unit row e₀,
 * so z' = W[0, :] (one row, broadcast later) and z^(k) = 0 for k ≥ 2. With one input column
 * x·W is a broadcast multiply rather than a matMul of inner dimension 1.
 */
export function inputDenseJet(input: Tensor2D, layer: DenseLayer, order: number): Jet {
  const [fanIn, fanOut] = layer.weight.shape;
  const product = fanIn === 1 ? mul(input, layer.weight) : matMul(input, layer.weight);
  const jet: Jet = new Array<Tensor2D | undefined>(order + 1).fill(undefined);
  jet[0] = add<Tensor2D>(product, layer.bias);
  if (order >= 1) jet[1] = fanIn === 1 ? layer.weight : slice(layer.weight, [0, 0], [1, fanOut]);
  return jet;
}
