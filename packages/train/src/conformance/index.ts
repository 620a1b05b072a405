export { type MinimisationSettings, type OptimiserConformanceSettings, optimiserConformance } from './optimiser-conformance.ts';
export { type SamplerConformanceSettings, samplerConformance } from './sampler-conformance.ts';
