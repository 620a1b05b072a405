import { formatZodError, QuadrantError } from '@quadrant/spec';
import { initialConditionLoss } from '@quadrant/losses';
import { parseEntryOptions } from '../registry/parse-entry-options.ts';
import type { Registry } from '../registry/registry.ts';
import { type TrainingSettings, trainingSettingsSchema } from './training-settings-schema.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Deep merge of plain objects: `override` wins; arrays and other values are replaced whole;
 * `null` in `override` removes the key (to drop a preset's loss term: `losses: { data: null }`).
 * A registry entry `{ name, options }` that names another entry is replaced whole, so the
 * new architecture or sampler starts from its own defaults, not the old one's options.
 */
export function mergeSettings(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isRecord(base) || !isRecord(override)) return override;
  if (typeof override.name === 'string' && override.name !== base.name) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else merged[key] = mergeSettings(base[key], value);
  }
  return merged;
}

/**
 * The settings of a run: the preset's settings deep-merged with `overrides`, validated, and
 * checked against the registry (every named entry exists and its options parse). With
 * `initialCondition: 'exact'` the `initial-condition` term is dropped: the network meets it.
 * @param presetName - a preset of the registry, or undefined for the schema's defaults alone
 * @param overrides - a deep-partial of TrainingSettings (from a config file or CLI flags)
 * @param origin - where the overrides come from (a settings file, a suite's cell), put in
 *   front of every message
 * @throws QuadrantError `CONFIG_INVALID` naming the field path; `NO_SUCH_ENTRY` for an unknown
 *   name; `OPTIONS_INVALID` for options an entry refuses
 */
export function resolveSettings(presetName: string | undefined, overrides: unknown, registry: Registry, origin?: string): TrainingSettings {
  if (origin === undefined) return resolveOverPreset(presetName, overrides, registry);
  try {
    return resolveOverPreset(presetName, overrides, registry);
  } catch (error) {
    if (!QuadrantError.isInstance(error)) throw error;
    throw new QuadrantError(error.code, `${origin}: ${error.message}`, { cause: error });
  }
}

function resolveOverPreset(presetName: string | undefined, overrides: unknown, registry: Registry): TrainingSettings {
  const preset = presetName === undefined ? undefined : registry.preset(presetName);
  const where = preset === undefined ? 'settings' : `settings (preset '${preset.name}')`;
  if (overrides !== undefined && !isRecord(overrides)) {
    throw new QuadrantError('CONFIG_INVALID', `${where}: expected an object of settings, got ${Array.isArray(overrides) ? 'an array' : typeof overrides}`);
  }
  const parsed = trainingSettingsSchema.safeParse(mergeSettings(preset?.settings ?? {}, overrides ?? {}));
  if (!parsed.success) {
    throw new QuadrantError('CONFIG_INVALID', formatZodError(where, parsed.error), { cause: parsed.error });
  }
  const settings = parsed.data;
  if (settings.initialCondition === 'exact') delete settings.losses[initialConditionLoss.name];
  parseEntryOptions(registry.architecture(settings.architecture.name), settings.architecture.options, `${where}: architecture.options`);
  parseEntryOptions(registry.sampler(settings.sampler.name), settings.sampler.options, `${where}: sampler.options`);
  for (const [name, term] of Object.entries(settings.losses)) parseEntryOptions(registry.loss(name), term.options, `${where}: losses.${name}.options`);
  settings.optimisers.forEach((phase, index) => {
    parseEntryOptions(registry.optimiser(phase.name), phase.options, `${where}: optimisers.${index}.options`);
  });
  if (Object.keys(settings.losses).length === 0) {
    throw new QuadrantError('CONFIG_INVALID', `${where}: losses: no loss terms left to train on; add one, e.g. losses: { residual: {} }`);
  }
  return settings;
}
