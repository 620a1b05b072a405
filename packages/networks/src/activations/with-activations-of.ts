import type { ActivationsV1, ArchitectureV1 } from '@quadrant/spec';
import { sameActivations } from './activation-registry.ts';

/**
 * The `withActivations` member of an architecture that `create` builds for `own`: the
 * architecture itself when a registry's activations are the same ones, else `create` for the
 * registry's. It answers with `this`, so a copy (`{ ...mlp, description }`) stays the copy.
 */
export function withActivationsOf<Options>(
  own: ActivationsV1,
  create: (activations: ActivationsV1) => ArchitectureV1<Options>,
): (this: ArchitectureV1<Options>, activations: ActivationsV1) => ArchitectureV1<Options> {
  return function withActivations(this: ArchitectureV1<Options>, activations: ActivationsV1): ArchitectureV1<Options> {
    return sameActivations(activations, own) ? this : create(activations);
  };
}
