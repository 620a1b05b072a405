import type { Tensor2D } from '@tensorflow/tfjs-core';
import { type ActivationsV1, type ArchitectureV1, defineArchitecture, type NetworkShapeV1, seededRandom } from '@quadrant/spec';
import { z } from 'zod';
import type { Activation } from './activations/activation.ts';
import { activationNameIn } from './activations/activation-registry.ts';
import { defaultActivations, resolveActivation } from './activations/activations.ts';
import { withActivationsOf } from './activations/with-activations-of.ts';
import { initialiserName } from './initialisers/initialisers.ts';
import { activateJet } from './jets/activate-jet.ts';
import { addStackedJets, type Jet, stackJet } from './jets/jet.ts';
import { jetNetwork } from './jets/jet-network.ts';
import { denseJet, inputDenseJet } from './layers/dense-jet.ts';
import { createDenseLayers, type DenseLayer, denseLayerVariables } from './layers/dense-layer.ts';
import { builtInJetOrder, type MlpNetwork } from './mlp.ts';
import { layerLimits, layerWidth } from './layers/layer-limits.ts';

/**
 * Options of `residual-mlp` taking activation names from `activations` (a registry's); every
 * field has a default, so `{}` parses.
 */
export function residualMlpOptionsWith(activations: ActivationsV1) {
  return z.strictObject({
    /** Width of the residual stream (every hidden layer). */
    width: layerWidth.default(32),
    /** Residual blocks, two dense layers each. */
    blocks: z
      .int()
      .nonnegative()
      .max(layerLimits.layers / 2, `exceeds the limit of ${layerLimits.layers / 2} blocks (${layerLimits.layers} hidden layers)`)
      .default(2),
    activation: activationNameIn(activations).default('tanh'),
    /** Slope of `leaky-relu` for z < 0 (PyTorch's `negative_slope`); other activations ignore it. */
    negativeSlope: z.number().default(0.01),
    initialiser: initialiserName.default('glorot-normal'),
  });
}

/** Options of `residual-mlp`; every field has a default, so `{}` parses. */
export const residualMlpOptions = residualMlpOptionsWith(defaultActivations);

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
 * @param activations - where `options.activation` is looked up (default: the built-ins)
 */
export function buildResidualMlp(
  options: ResidualMlpOptions,
  shape: NetworkShapeV1,
  activation?: Activation,
  activations: ActivationsV1 = defaultActivations,
): MlpNetwork {
  const sigma = activation ?? resolveActivation(options.activation, { negativeSlope: options.negativeSlope }, activations);
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
 * @param activations - the activations its options accept by name and its networks are built
 *   from (default: the built-ins); a registry passes its own through `withActivations`
 */
export function createResidualMlp(activations: ActivationsV1 = defaultActivations): ArchitectureV1<ResidualMlpOptions> {
  return defineArchitecture<ResidualMlpOptions>({
    name: 'residual-mlp',
    description: 'MLP with residual (skip) connections, exact input derivatives (forward-mode jets)',
    options: activations === defaultActivations ? residualMlpOptions : residualMlpOptionsWith(activations),
    jetOrder: builtInJetOrder,
    build: (options, shape) => buildResidualMlp(options, shape, undefined, activations),
    withActivations: withActivationsOf(activations, createResidualMlp),
  });
}

/** `residual-mlp` over the built-in activations; a registry rebinds it to its own (`withActivations`). */
export const residualMlp = createResidualMlp();
