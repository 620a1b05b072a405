import { NoSuchEntryError } from '@quadrant/spec';
import { z } from 'zod';
import type { Activation } from './activation.ts';
import { createActivationRegistry } from './activation-registry.ts';
import { leakyRelu, leakyReluWithSlope } from './leaky-relu.ts';
import { sigmoid } from './sigmoid.ts';
import { silu } from './silu.ts';
import { sin } from './sin.ts';
import { softplus } from './softplus.ts';
import { tanh } from './tanh.ts';

const names = ['tanh', 'sin', 'leaky-relu', 'silu', 'softplus', 'sigmoid'] as const;

/** Name of a built-in activation. */
export type ActivationName = (typeof names)[number];

/** The built-in activations by name (`leaky-relu` with PyTorch's slope 0.01). */
export const activations: Readonly<Record<ActivationName, Activation>> = {
  tanh,
  sin,
  'leaky-relu': leakyRelu,
  silu,
  softplus,
  sigmoid,
};

/** The built-in activations, in the order `quadrant list` shows them after sorting. */
export const builtInActivations: readonly Activation[] = names.map((name) => activations[name]);

/** The built-in activations as a set: what the built-in architectures' options take by default. */
export const defaultActivations = createActivationRegistry(builtInActivations);

/** Schema of a built-in activation's name; an unknown name fails listing the available ones and the closest. */
export const activationName = z.enum(names, {
  error: (issue) => new NoSuchEntryError('activation', String(issue.input), names).message,
});

/**
 * The activation of this name.
 * @param settings.negativeSlope - slope of the built-in `leaky-relu` for z < 0 (default 0.01); other activations ignore it
 * @param from - where to look the name up (default: the built-ins)
 * @throws NoSuchEntryError (`NO_SUCH_ENTRY`) for an unknown name, listing the available ones
 */
export function resolveActivation(name: string, settings: { readonly negativeSlope?: number } = {}, from = defaultActivations): Activation {
  const activation = from.get(name);
  if (activation === leakyRelu && settings.negativeSlope !== undefined) return leakyReluWithSlope(settings.negativeSlope);
  return activation;
}
