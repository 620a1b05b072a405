export { type ArchitectureConformanceSettings, architectureConformance } from './architecture-conformance.ts';
