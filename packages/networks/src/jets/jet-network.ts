import { type Tensor, type Tensor2D, tidy, type Variable } from '@tensorflow/tfjs-core';
import type { NetworkShapeV1, NetworkV1 } from '@quadrant/spec';
import { assertJetRequest } from './assert-jet-request.ts';
import { finishJet, type Jet } from './jet.ts';

/** What a jet-propagating network is made of; `jetNetwork` adds the checks and the bookkeeping. */
export interface JetNetworkParts {
  readonly architecture: string;
  readonly options: unknown;
  readonly shape: NetworkShapeV1;
  readonly jetOrder: number;
  readonly variables: readonly Variable[];
  /** Tensors the network owns besides its variables (fixed Fourier frequencies…), freed by dispose. */
  readonly constants?: readonly Tensor[];
  /** The output jet for a checked request (called inside a tidy); `undefined` entries are zero. */
  propagate(input: Tensor2D, order: number): Jet;
}

/**
 * A NetworkV1 from its parts: requests are checked (`JETS_UNSUPPORTED`, `SHAPE_MISMATCH`),
 * intermediates freed by a tidy of its own, and zero orders returned as zeros.
 */
export function jetNetwork(parts: JetNetworkParts): NetworkV1 {
  let disposed = false;
  return {
    architecture: parts.architecture,
    options: parts.options,
    shape: parts.shape,
    jetOrder: parts.jetOrder,
    variables: parts.variables,
    jets(input, order) {
      assertJetRequest(parts.architecture, input, order, parts.jetOrder, parts.shape.inputs);
      return tidy(() => finishJet(parts.propagate(input, order), input.shape[0], parts.shape.outputs));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const variable of parts.variables) variable.dispose();
      for (const constant of parts.constants ?? []) constant.dispose();
    },
  };
}
