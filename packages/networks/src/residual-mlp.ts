import type { Tensor2D } from '@tensorflow/tfjs-core';
import { defineArchitecture, type NetworkShapeV1 } from '@quadrant/spec';
import { z } from 'zod';
import type { Activation } from './activations/activation.ts';
import { activationName, resolveActivation } from './activations/activations.ts';
import { initialiserName } from './initialisers/initialisers.ts';
import { seededRandom } from './initialisers/seeded-random.ts';
import { activateJet } from './jets/activate-jet.ts';
import { addStackedJets, type Jet, stackJet } from './jets/jet.ts';
import { jetNetwork } from './jets/jet-network.ts';
import { denseJet, inputDenseJet } from './layers/dense-jet.ts';
import { createDenseLayers, type DenseLayer, denseLayerVariables } from './layers/dense-layer.ts';
import { builtInJetOrder, type MlpNetwork } from './mlp.ts';
import { layerLimits, layerWidth } from './layers/layer-limits.ts';

/** Options of `residual-mlp`; every field has a default, so `{}` parses. */
export const residualMlpOptions = z.strictObject({
  /** Width of the residual stream (every hidden layer). */
  width: layerWidth.default(32),
  /** Residual blocks, two dense layers each. */
  blocks: z
    .int()
    .nonnegative()
    .max(layerLimits.layers / 2, `exceeds the limit of ${layerLimits.layers / 2} blocks (${layerLimits.layers} hidden layers)`)
    .default(2),
  activation: activationName.default('tanh'),
  /** Slope of `leaky-relu` for z < 0 (PyTorch's `negative_slope`); other activations ignore it. */
  negativeSlope: z.number().default(0.01),
  initialiser: initialiserName.default('glorot-normal'),
});

/** Validated options of `residual-mlp`. */
export type ResidualMlpOptions = z.output<typeof residualMlpOptions>;

/**
 * h₀ = σ(x W₀ + b₀); per block h ← h + σ(σ(h W₁ + b₁) W₂ + b₂); y = h W_out + b_out.
 * The skip is linear, so its jet is the sum of the jets: one add on the stacked matrices.
 */
function residualJet(input: Tensor2D, order: number, layers: readonly DenseLayer[], activation: Activation): Jet {
  const last = layers.length - 1;
  let h = stackJet(activateJet(inputDenseJet(input, layers[0]!, order), activation));
  for (let i = 1; i < last; i += 2) {
    const inner = stackJet(activateJet(denseJet(h, layers[i]!), activation));
    h = addStackedJets(h, stackJet(activateJet(denseJet(inner, layers[i + 1]!), activation)));
  }
  return denseJet(h, layers[last]!);
}

/**
 * Builds a residual MLP; `layers` are the input layer, two per block, then the output layer.
 * @param activation - overrides `options.activation` (for activations that are not built in)
 */
export function buildResidualMlp(options: ResidualMlpOptions, shape: NetworkShapeV1, activation?: Activation): MlpNetwork {
  const sigma = activation ?? resolveActivation(options.activation, { negativeSlope: options.negativeSlope });
  const sizes = [shape.inputs, ...new Array<number>(1 + 2 * options.blocks).fill(options.width), shape.outputs];
  const layers = createDenseLayers(sizes, options.initialiser, seededRandom(shape.seed));
  const network = jetNetwork({
    architecture: residualMlp.name,
    options,
    shape,
    jetOrder: Math.min(builtInJetOrder, sigma.maxOrder),
    variables: denseLayerVariables(layers),
    propagate: (input, order) => residualJet(input, order, layers, sigma),
  });
  return { ...network, layers, activation: sigma };
}

/**
 * An MLP with skip connections around pairs of layers, for deeper networks that still train;
 * exact input derivatives up to order 4. Options: `width` (32), `blocks` (2), `activation`
 * (`tanh`), `negativeSlope` (0.01), `initialiser` (`glorot-normal`).
 */
export const residualMlp = defineArchitecture<ResidualMlpOptions>({
  name: 'residual-mlp',
  description: 'MLP with residual (skip) connections, exact input derivatives (forward-mode jets)',
  options: residualMlpOptions,
  jetOrder: builtInJetOrder,
  build: (options, shape) => buildResidualMlp(options, shape),
});
