import type {
  ActivationsV1,
  ActivationV1,
  ArchitectureV1,
  LossTermV1,
  OptimiserV1,
  PluginV1,
  PresetV1,
  Problem,
  SamplerV1,
  SolverV1,
  WeightingV1,
} from '@quadrant/spec';
import { NoSuchEntryError, QuadrantError } from '@quadrant/spec';
import { checkProblemEntry } from './check-problem-entry.ts';

/** What a registry holds, by kind. */
export interface RegistryEntries {
  architecture: ArchitectureV1;
  activation: ActivationV1;
  loss: LossTermV1;
  problem: Problem;
  solver: SolverV1;
  sampler: SamplerV1;
  optimiser: OptimiserV1;
  preset: PresetV1;
  weighting: WeightingV1;
}

/** A kind of registry entry: `architecture`, `activation`, `loss`, `problem`, `solver`, `sampler`, `optimiser`, `preset`, `weighting`. */
export type RegistryKind = keyof RegistryEntries;

/** One line of `Registry.list`: an entry's name, description and the plugin that brought it. */
export interface RegistryListing {
  readonly name: string;
  readonly description: string;
  readonly plugin: string;
}

/** The plugin field that carries each kind. */
export const pluginFields = {
  architecture: 'architectures',
  activation: 'activations',
  loss: 'losses',
  problem: 'problems',
  solver: 'solvers',
  sampler: 'samplers',
  optimiser: 'optimisers',
  preset: 'presets',
  weighting: 'weightings',
} as const satisfies Record<RegistryKind, keyof PluginV1>;

/** Every kind, in the order `quadrant list` shows them. */
export const registryKinds = Object.keys(pluginFields) as RegistryKind[];

/**
 * Named entries of every kind, built from plugins. A registry is a value: create one per run,
 * test or worker with `createRegistry`; `defaultRegistry` holds the built-ins and is frozen.
 */
export interface Registry {
  /**
   * The entry of `kind` called `name`. An architecture that takes an activation by name comes
   * bound to this registry's activations (`ArchitectureV1.withActivations`), so its options
   * accept a plugin's activation and refuse a name that is in none.
   * @throws NoSuchEntryError (`NO_SUCH_ENTRY`) listing the names there are
   */
  get<K extends RegistryKind>(kind: K, name: string): RegistryEntries[K];
  /** Whether an entry of `kind` called `name` exists. */
  has(kind: RegistryKind, name: string): boolean;
  architecture(name: string): ArchitectureV1;
  activation(name: string): ActivationV1;
  /** The activations, as architecture options read them. */
  readonly activations: ActivationsV1;
  loss(name: string): LossTermV1;
  problem(name: string): Problem;
  solver(name: string): SolverV1;
  sampler(name: string): SamplerV1;
  optimiser(name: string): OptimiserV1;
  preset(name: string): PresetV1;
  weighting(name: string): WeightingV1;
  /** Entries of `kind`, sorted by name, with the plugin each came from. */
  list(kind: RegistryKind): RegistryListing[];
  /** The plugins it was built from, base registry's first. */
  readonly plugins: readonly PluginV1[];
  readonly frozen: boolean;
  /**
   * Adds a plugin's entries.
   * @throws QuadrantError `DUPLICATE_ENTRY` naming both plugins when a name is taken; `CONFIG_INVALID` when frozen
   */
  add(plugin: PluginV1): Registry;
  /** Refuses further `add` calls; returns the registry. */
  freeze(): Registry;
}

/** How to build a registry. */
export interface RegistrySettings {
  /** A registry whose entries this one starts with (it is not changed). */
  readonly extends?: Registry;
  /** Plugins whose entries are added, in order. */
  readonly plugins?: readonly PluginV1[];
}

/**
 * Creates a registry: the entries of `extends` (if any) plus those of `plugins`.
 * @throws QuadrantError `DUPLICATE_ENTRY` when two plugins register one name of one kind;
 *   `SPEC_VERSION_UNSUPPORTED` for a plugin or entry that is not spec v1; `PLUGIN_INVALID` for a
 *   problem that its own problem file would not validate as (see `checkProblemEntry`)
 */
export function createRegistry(settings: RegistrySettings = {}): Registry {
  const entries = new Map<RegistryKind, Map<string, { entry: RegistryEntries[RegistryKind]; plugin: string }>>(registryKinds.map((kind) => [kind, new Map()]));
  const plugins: PluginV1[] = [];
  let frozen = false;

  const add = (plugin: PluginV1): void => {
    if ((plugin as { specVersion?: unknown }).specVersion !== 'v1') {
      throw new QuadrantError(
        'SPEC_VERSION_UNSUPPORTED',
        `plugin '${plugin.name}': specVersion ${JSON.stringify((plugin as { specVersion?: unknown }).specVersion)} is not supported; this release runs 'v1'`,
      );
    }
    for (const kind of registryKinds) {
      const list = (plugin[pluginFields[kind]] ?? []) as readonly RegistryEntries[RegistryKind][];
      const known = entries.get(kind)!;
      for (const entry of list) {
        // A problem carries no spec version: it is checked as its problem file would be.
        if (kind === 'problem') checkProblemEntry(entry as Problem, plugin.name);
        const version = (entry as { specVersion?: unknown }).specVersion;
        if (kind !== 'problem' && version !== 'v1') {
          throw new QuadrantError(
            'SPEC_VERSION_UNSUPPORTED',
            `plugin '${plugin.name}': ${kind} '${entry.name}' has specVersion ${JSON.stringify(version)}; this release runs 'v1'`,
          );
        }
        const existing = known.get(entry.name);
        if (existing !== undefined) {
          throw new QuadrantError(
            'DUPLICATE_ENTRY',
            `${kind} '${entry.name}' is registered twice: by plugin '${existing.plugin}' and by plugin '${plugin.name}'; rename one of them or leave one plugin out`,
          );
        }
        known.set(entry.name, { entry, plugin: plugin.name });
      }
    }
    plugins.push(plugin);
  };

  for (const plugin of settings.extends?.plugins ?? []) add(plugin);
  for (const plugin of settings.plugins ?? []) add(plugin);

  const find = <K extends RegistryKind>(kind: K, name: string): RegistryEntries[K] => {
    const known = entries.get(kind)!;
    const found = known.get(name);
    if (found === undefined) throw new NoSuchEntryError(kind, name, [...known.keys()]);
    return found.entry as RegistryEntries[K];
  };

  // A live view: an architecture bound to it sees activations added later.
  const activationEntries = entries.get('activation')!;
  const activations: ActivationsV1 = {
    get names() {
      return [...activationEntries.keys()].sort();
    },
    has: (name) => activationEntries.has(name),
    get: (name) => find('activation', name),
  };
  // Architectures bound to `activations`, by entry; emptied by `add`, since a new activation may
  // turn an architecture that was its own binding into one that is not.
  const bound = new Map<ArchitectureV1, ArchitectureV1>();
  const bind = (architecture: ArchitectureV1): ArchitectureV1 => {
    if (architecture.withActivations === undefined) return architecture;
    let result = bound.get(architecture);
    if (result === undefined) {
      result = architecture.withActivations(activations);
      bound.set(architecture, result);
    }
    return result;
  };

  const get = <K extends RegistryKind>(kind: K, name: string): RegistryEntries[K] => {
    const entry = find(kind, name);
    return (kind === 'architecture' ? bind(entry as ArchitectureV1) : entry) as RegistryEntries[K];
  };

  const registry: Registry = {
    get,
    has: (kind, name) => entries.get(kind)!.has(name),
    architecture: (name) => get('architecture', name),
    activation: (name) => get('activation', name),
    activations,
    loss: (name) => get('loss', name),
    problem: (name) => get('problem', name),
    solver: (name) => get('solver', name),
    sampler: (name) => get('sampler', name),
    optimiser: (name) => get('optimiser', name),
    preset: (name) => get('preset', name),
    weighting: (name) => get('weighting', name),
    list: (kind) =>
      [...entries.get(kind)!.values()]
        .map(({ entry, plugin }) => ({ name: entry.name, description: entry.description, plugin }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    plugins,
    get frozen() {
      return frozen;
    },
    add(plugin) {
      if (frozen) {
        throw new QuadrantError(
          'CONFIG_INVALID',
          `cannot add plugin '${plugin.name}': the registry is frozen; create your own: createRegistry({ extends: defaultRegistry, plugins: [...] })`,
        );
      }
      add(plugin);
      bound.clear();
      return registry;
    },
    freeze() {
      frozen = true;
      return registry;
    },
  };
  return registry;
}
