import { type Tensor2D, tidy } from '@tensorflow/tfjs-core';
import type { NetworkV1 } from '@quadrant/spec';
import { assertJetRequest } from '../jets/assert-jet-request.ts';

/**
 * A network that is `network` seen through a transform of its jets: the same architecture,
 * options, shape, jet order and variables, requests checked as `network` checks them, the
 * transform's intermediates freed by a tidy, and dispose passed on.
 */
export function wrapNetwork(network: NetworkV1, jets: (input: Tensor2D, order: number) => Tensor2D[]): NetworkV1 {
  return {
    architecture: network.architecture,
    options: network.options,
    shape: network.shape,
    jetOrder: network.jetOrder,
    variables: network.variables,
    jets(input, order) {
      assertJetRequest(network.architecture, input, order, network.jetOrder, network.shape.inputs);
      return tidy(() => jets(input, order));
    },
    dispose: () => network.dispose(),
  };
}
