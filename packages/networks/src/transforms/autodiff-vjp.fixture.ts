import { addN, mul, type Scalar, sum, variableGrads } from '@tensorflow/tfjs-core';
import type { NetworkV1 } from '@quadrant/spec';

/**
 * Test fixture: the network with a `jetsWithVjp` computed by tfjs autodiff, a stand-in for a
 * hand-written fast path, so transforms can be checked to carry one over.
 */
export function withAutodiffVjp(network: NetworkV1): NetworkV1 {
  return {
    ...network,
    jetsWithVjp(input, order) {
      return {
        jets: network.jets(input, order),
        vjp(cotangents) {
          const { grads } = variableGrads(() => {
            const jets = network.jets(input, order);
            return addN(jets.flatMap((jet, k) => (cotangents[k] === undefined ? [] : [sum<Scalar>(mul(jet, cotangents[k]!))])));
          }, [...network.variables]);
          return network.variables.map((variable) => grads[variable.name]!);
        },
      };
    },
  };
}
