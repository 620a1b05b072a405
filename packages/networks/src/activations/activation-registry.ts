import { type ActivationsV1, type ActivationV1, NoSuchEntryError, QuadrantError } from '@quadrant/spec';
import { z } from 'zod';

/**
 * A set of activations by name, for architecture options to validate against and networks to
 * be built from. `defaultActivations` holds the built-ins; a training registry gives its own
 * (built-ins plus its plugins' activations) through `ArchitectureV1.withActivations`.
 * @throws QuadrantError `DUPLICATE_ENTRY` when two activations share a name
 */
export function createActivationRegistry(activations: readonly ActivationV1[]): ActivationsV1 {
  const byName = new Map<string, ActivationV1>();
  for (const activation of activations) {
    if (byName.has(activation.name)) {
      throw new QuadrantError('DUPLICATE_ENTRY', `activation '${activation.name}' is given twice; rename one of them or leave one out`);
    }
    byName.set(activation.name, activation);
  }
  const names = Object.freeze([...byName.keys()].sort());
  return {
    names,
    has: (name) => byName.has(name),
    get(name) {
      const found = byName.get(name);
      if (found === undefined) throw new NoSuchEntryError('activation', name, names);
      return found;
    },
  };
}

/** Whether two sets hold the same names for the very same activations. */
export function sameActivations(a: ActivationsV1, b: ActivationsV1): boolean {
  if (a === b) return true;
  return a.names.length === b.names.length && b.names.every((name) => a.has(name) && a.get(name) === b.get(name));
}

/**
 * Schema of an activation name in `activations`, read when options are parsed (so a registry
 * that gains an activation accepts it at once); an unknown name fails with the message of
 * `NoSuchEntryError`: the names there are and the closest.
 */
export function activationNameIn(activations: ActivationsV1): z.ZodString {
  return z.string().check((context) => {
    const name = context.value;
    if (activations.has(name)) return;
    context.issues.push({
      code: 'custom',
      input: name,
      message: new NoSuchEntryError('activation', name, activations.names).message,
    });
  });
}
