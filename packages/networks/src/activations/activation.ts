import type { ActivationV1 } from '@quadrant/spec';

/**
 * An activation σ with its derivatives as tensor ops and, optionally, in float64: the spec's
 * `ActivationV1` (see there for what each path of a network takes from it), under the name
 * this package has always used.
 */
export type Activation = ActivationV1;
