import { concat, split, type Tensor, type Tensor2D, tidy } from '@tensorflow/tfjs-core';
import { type JetsWithVjpV1, type NetworkV1, QuadrantError } from '@quadrant/spec';
import { assertJetRequest } from '../jets/assert-jet-request.ts';

/** The `architecture` of a network made by `separateNetworks`. */
export const separateNetworksName = 'separate-networks';

/**
 * One network per unknown, seen as one network: each takes the same input, their outputs are
 * concatenated in order (so output columns follow the networks), their variables too. The
 * alternative to one network with several outputs: no shared hidden features, so unknowns
 * of different scales or shapes do not compete for them, at the price of more weights and
 * matMuls. jetOrder is the lowest of the parts; `jetsWithVjp` is offered when every part
 * offers it. `options` records each part's architecture, options and shape.
 * @throws QuadrantError `CONFIG_INVALID` for an empty list
 * @throws QuadrantError `SHAPE_MISMATCH` when the networks take different inputs
 */
export function separateNetworks(networks: readonly NetworkV1[]): NetworkV1 {
  const first = networks[0];
  if (first === undefined) throw new QuadrantError('CONFIG_INVALID', `${separateNetworksName}: no networks given; pass one network per unknown`);
  const inputs = first.shape.inputs;
  const mismatch = networks.findIndex((network) => network.shape.inputs !== inputs);
  if (mismatch >= 0) {
    throw new QuadrantError(
      'SHAPE_MISMATCH',
      `${separateNetworksName}: network ${mismatch} (${networks[mismatch]!.architecture}) takes ${networks[mismatch]!.shape.inputs} inputs, network 0 takes ${inputs}; every network must take the same input`,
    );
  }
  const widths = networks.map((network) => network.shape.outputs);
  const outputs = widths.reduce((total, width) => total + width, 0);
  const jetOrder = Math.min(...networks.map((network) => network.jetOrder));
  const joined = (parts: readonly (readonly Tensor2D[])[], order: number): Tensor2D[] =>
    Array.from({ length: order + 1 }, (_, k) =>
      parts.length === 1
        ? parts[0]![k]!
        : concat(
            parts.map((part) => part[k]!),
            1,
          ),
    );
  const separate: NetworkV1 = {
    architecture: separateNetworksName,
    options: { networks: networks.map(({ architecture, options, shape }) => ({ architecture, options, shape })) },
    shape: { inputs, outputs, seed: first.shape.seed },
    jetOrder,
    variables: networks.flatMap((network) => network.variables),
    jets(input, order) {
      assertJetRequest(separateNetworksName, input, order, jetOrder, inputs);
      return tidy(() =>
        joined(
          networks.map((network) => network.jets(input, order)),
          order,
        ),
      );
    },
    dispose() {
      for (const network of networks) network.dispose();
    },
  };
  if (networks.some((network) => network.jetsWithVjp === undefined)) return separate;
  return {
    ...separate,
    jetsWithVjp(input, order): JetsWithVjpV1 {
      assertJetRequest(separateNetworksName, input, order, jetOrder, inputs);
      const parts = networks.map((network) => network.jetsWithVjp!(input, order));
      return {
        jets: joined(
          parts.map((part) => part.jets),
          order,
        ),
        vjp(cotangents): Tensor[] {
          // Each part gets its own columns of every cotangent.
          const columns = cotangents.map((cotangent) => (cotangent === undefined || parts.length === 1 ? undefined : split<Tensor2D>(cotangent, widths, 1)));
          return parts.flatMap((part, p) => part.vjp(cotangents.map((cotangent, k) => (parts.length === 1 ? cotangent : columns[k]?.[p]))));
        },
      };
    },
  };
}
