export { type LossConformanceSettings, lossConformance } from './loss-conformance.ts';
export { type SinusoidValues, sinusoidNetwork } from './sinusoid-network.ts';
export { type WeightingConformanceSettings, weightingConformance } from './weighting-conformance.ts';
