export type { Activation } from './activations/activation.ts';
export { activationNameIn, createActivationRegistry, sameActivations } from './activations/activation-registry.ts';
export { type ActivationName, activationName, activations, builtInActivations, defaultActivations, resolveActivation } from './activations/activations.ts';
export { leakyRelu, leakyReluWithSlope } from './activations/leaky-relu.ts';
export { createFourierMlp, type FourierMlpOptions, fourierMlp, fourierMlpOptions, fourierMlpOptionsWith } from './fourier-mlp.ts';
export { type Float64Parameters, float64Parameters } from './float64/float64-parameters.ts';
export { type DenseInitialValues, type Initialiser, type InitialiserName, initialiserName, initialisers } from './initialisers/initialisers.ts';
/** Re-exported from `@quadrant/spec`, where it now lives, for code that imported it from here. */
export { type SeededRandom, seededRandom } from '@quadrant/spec';
export type { DenseLayer } from './layers/dense-layer.ts';
export { layerLimits } from './layers/layer-limits.ts';
export { buildMlp, type MlpNetwork, type MlpOptions, mlp, mlpOptions } from './mlp.ts';
export { buildNeuralOde, createNeuralOde, type NeuralOdeOptions, neuralOde, neuralOdeOptions, neuralOdeOptionsWith } from './neural-ode.ts';
export { networksPlugin } from './networks-plugin.ts';
export {
  buildRandomFeatures,
  createRandomFeatures,
  type RandomFeaturesOptions,
  randomFeatures,
  randomFeaturesOptions,
  randomFeaturesOptionsWith,
} from './random-features.ts';
export { createResidualMlp, type ResidualMlpOptions, residualMlp, residualMlpOptions, residualMlpOptionsWith } from './residual-mlp.ts';
export { separateNetworks, separateNetworksName } from './transforms/separate-networks.ts';
export { type ExactInitialConditions, withExactInitialConditions } from './transforms/with-exact-initial-conditions.ts';
export { type InputInterval, withInputScaling } from './transforms/with-input-scaling.ts';
