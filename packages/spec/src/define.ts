import type { ActivationV1 } from './activation.ts';
import type { ArchitectureV1 } from './architecture.ts';
import type { LossTermV1 } from './loss-term.ts';
import type { SolverV1 } from './ode-system.ts';
import type { OptimiserV1 } from './optimiser.ts';
import type { PluginV1 } from './plugin.ts';
import type { PresetV1 } from './preset.ts';
import type { SamplerV1 } from './sampler.ts';
import type { WeightingV1 } from './weighting.ts';

type WithoutVersion<T> = Omit<T, 'specVersion'>;

// The define* helpers only stamp the spec version and fix the type: they compute nothing,
// so a plugin written with them is a plain value that any registry can take.

/** Declares an architecture; the result is a plain `ArchitectureV1`. */
export function defineArchitecture<Options>(architecture: WithoutVersion<ArchitectureV1<Options>>): ArchitectureV1<Options> {
  return { specVersion: 'v1', ...architecture };
}

/** Declares an activation; the result is a plain `ActivationV1`. */
export function defineActivation(activation: WithoutVersion<ActivationV1>): ActivationV1 {
  return { specVersion: 'v1', ...activation };
}

/** Declares a loss term; the result is a plain `LossTermV1`. */
export function defineLossTerm<Options>(loss: WithoutVersion<LossTermV1<Options>>): LossTermV1<Options> {
  return { specVersion: 'v1', ...loss };
}

/** Declares a classical solver; the result is a plain `SolverV1`. */
export function defineSolver<Options>(solver: WithoutVersion<SolverV1<Options>>): SolverV1<Options> {
  return { specVersion: 'v1', ...solver };
}

/** Declares a collocation sampler; the result is a plain `SamplerV1`. */
export function defineSampler<Options>(sampler: WithoutVersion<SamplerV1<Options>>): SamplerV1<Options> {
  return { specVersion: 'v1', ...sampler };
}

/** Declares an optimiser; the result is a plain `OptimiserV1`. */
export function defineOptimiser<Options>(optimiser: WithoutVersion<OptimiserV1<Options>>): OptimiserV1<Options> {
  return { specVersion: 'v1', ...optimiser };
}

/** Declares a loss-weighting scheme; the result is a plain `WeightingV1`. */
export function defineWeighting<Options>(weighting: WithoutVersion<WeightingV1<Options>>): WeightingV1<Options> {
  return { specVersion: 'v1', ...weighting };
}

/** Declares a preset of training settings. */
export function definePreset(preset: WithoutVersion<PresetV1>): PresetV1 {
  return { specVersion: 'v1', ...preset };
}

/** Declares a plugin: a named bundle of entries. Importing it registers nothing. */
export function definePlugin(plugin: WithoutVersion<PluginV1>): PluginV1 {
  return { specVersion: 'v1', ...plugin };
}
