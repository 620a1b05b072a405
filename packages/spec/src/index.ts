export type { ActivationsV1, ActivationV1 } from './activation.ts';
export { type ConformanceCheck, checkDeclaration, type DeclarationWording } from './conformance-check.ts';
export type { ArchitectureV1, InitialStateV1, JetsWithVjpV1, NetworkShapeV1, NetworkV1 } from './architecture.ts';
export {
  defineActivation,
  defineArchitecture,
  defineLossTerm,
  defineOptimiser,
  definePlugin,
  definePreset,
  defineSampler,
  defineSolver,
  defineWeighting,
} from './define.ts';
export type { Float64JetsV1, Float64PathV1, LeastSquaresProblemV1, LeastSquaresResultV1 } from './float64.ts';
export { closestName, didYouMean, editDistance } from './errors/did-you-mean.ts';
export { describeZodIssue, type FormatZodErrorOptions, formatZodError, type ZodIssue, zodIssuePath } from './errors/format-zod-error.ts';
export { type EntryKind, NoSuchEntryError } from './errors/no-such-entry-error.ts';
export { QuadrantError, type QuadrantErrorCode } from './errors/quadrant-error.ts';
export type { LossContextV1, LossStepV1, LossTermInstanceV1, LossTermV1 } from './loss-term.ts';
export type { FirstOrderSystemV1, SolutionV1, SolverV1, SolveRequestV1 } from './ode-system.ts';
export type { JsonValueV1, LossAndGradientsV1, OptimiserInstanceV1, OptimiserStateV1, OptimiserV1 } from './optimiser.ts';
export type { PluginV1 } from './plugin.ts';
export type { PresetV1 } from './preset.ts';
export { type SeededRandom, seededRandom } from './random/seeded-random.ts';
export type { Problem, ProblemData, ProblemParameter, ProblemUnknown } from './problem.ts';
export type { SampleStepV1, SamplerInstanceV1, SamplerV1 } from './sampler.ts';
export type { WeightingInstanceV1, WeightingStateV1, WeightingStepV1, WeightingV1 } from './weighting.ts';
