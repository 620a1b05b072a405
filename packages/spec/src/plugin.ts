import type { ActivationV1 } from './activation.ts';
import type { ArchitectureV1 } from './architecture.ts';
import type { LossTermV1 } from './loss-term.ts';
import type { SolverV1 } from './ode-system.ts';
import type { OptimiserV1 } from './optimiser.ts';
import type { PresetV1 } from './preset.ts';
import type { Problem } from './problem.ts';
import type { SamplerV1 } from './sampler.ts';
import type { WeightingV1 } from './weighting.ts';

/**
 * A plugin: plain values, no side effects on import. A registry created with
 * `createRegistry({ plugins })` adds its entries; the built-ins travel the same way.
 */
export interface PluginV1 {
  readonly specVersion: 'v1';
  /** The plugin's name, shown beside each of its entries in `quadrant list`. */
  readonly name: string;
  readonly architectures?: readonly ArchitectureV1[];
  /** Activations that architectures taking an activation by name (`mlp`…) can then use. */
  readonly activations?: readonly ActivationV1[];
  readonly losses?: readonly LossTermV1[];
  readonly problems?: readonly Problem[];
  readonly solvers?: readonly SolverV1[];
  readonly samplers?: readonly SamplerV1[];
  readonly optimisers?: readonly OptimiserV1[];
  readonly presets?: readonly PresetV1[];
  /** Loss-weighting schemes (`settings.weighting.name`). */
  readonly weightings?: readonly WeightingV1[];
}
