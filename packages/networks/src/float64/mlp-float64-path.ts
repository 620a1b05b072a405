import { type Float64PathV1, QuadrantError } from '@quadrant/spec';
import type { Activation } from '../activations/activation.ts';
import { type DenseLayer, denseLayerVariables } from '../layers/dense-layer.ts';
import { assertFloat64JetOrder } from './assert-float64-jet-order.ts';
import { float64Parameters } from './float64-parameters.ts';
import { mlpFloat64Jets, mlpFloat64MaxOrder } from './mlp-float64-jets.ts';

/**
 * The float64 evaluation path of an MLP built from `layers` (σ after every layer but the
 * last): a float64 copy of its variables and its jets with their Jacobian (see
 * `mlpFloat64Jets`), the same function the tfjs path computes. Offered only where it is
 * exact: one input column (the path's jets take t alone), an activation with float64
 * derivatives one order beyond `jetOrder` (the Jacobian of the highest jet needs it), and
 * `jetOrder` at most 4.
 * @param network - what to name in refusals (the architecture)
 * @returns undefined when the network does not meet those conditions
 */
export function mlpFloat64Path(network: string, layers: readonly DenseLayer[], activation: Activation, jetOrder: number): Float64PathV1 | undefined {
  const derivatives = activation.float64;
  const widths = [layers[0]!.weight.shape[0], ...layers.map((layer) => layer.weight.shape[1])];
  if (derivatives === undefined || activation.maxOrder <= jetOrder || jetOrder > mlpFloat64MaxOrder || widths[0] !== 1) return undefined;
  const parameters = float64Parameters(denseLayerVariables(layers));
  const jets = mlpFloat64Jets(widths, derivatives, jetOrder);
  const size = parameters.size;
  return {
    size,
    read: () => parameters.read(),
    write: (values) => parameters.write(values),
    jets(values, t, order, jacobian) {
      assertFloat64JetOrder(network, order, jetOrder);
      if (values.length !== size) {
        throw new QuadrantError('SHAPE_MISMATCH', `${network}: float64 jets: expected ${size} parameters, got ${values.length}`);
      }
      return jets(values, t, order, jacobian);
    },
  };
}
