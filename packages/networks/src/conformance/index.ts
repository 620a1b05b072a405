export { type ActivationConformanceSettings, activationConformance } from './activation-conformance.ts';
export { type ArchitectureConformanceSettings, architectureConformance } from './architecture-conformance.ts';
