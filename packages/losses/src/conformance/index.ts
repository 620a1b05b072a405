export { type LossConformanceSettings, lossConformance } from './loss-conformance.ts';
export { type SinusoidValues, sinusoidNetwork } from './sinusoid-network.ts';
