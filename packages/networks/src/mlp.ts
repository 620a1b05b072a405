import type { Tensor2D } from '@tensorflow/tfjs-core';
import { type ActivationsV1, type ArchitectureV1, defineArchitecture, type NetworkShapeV1, type NetworkV1, seededRandom } from '@quadrant/spec';
import { z } from 'zod';
import type { Activation } from './activations/activation.ts';
import { activationNameIn } from './activations/activation-registry.ts';
import { defaultActivations, resolveActivation } from './activations/activations.ts';
import { withActivationsOf } from './activations/with-activations-of.ts';
import { mlpFloat64Path } from './float64/mlp-float64-path.ts';
import { initialiserName } from './initialisers/initialisers.ts';
import { activateJet } from './jets/activate-jet.ts';
import { assertJetRequest } from './jets/assert-jet-request.ts';
import { type Jet, stackJet } from './jets/jet.ts';
import { jetNetwork } from './jets/jet-network.ts';
import { denseJet, inputDenseJet } from './layers/dense-jet.ts';
import { createDenseLayers, type DenseLayer, denseLayerVariables } from './layers/dense-layer.ts';
import { mlpJetsWithVjp } from './mlp-jets-with-vjp.ts';
import { hiddenWidths } from './layers/layer-limits.ts';

/**
 * Highest input-derivative order the built-in architectures give. Every built-in activation
 * supplies σ…σ^(5): the jets use up to σ'''', the hand-written backward of order 4 one more.
 */
export const builtInJetOrder = 4;

/**
 * Options of `mlp` taking activation names from `activations` (a registry's); every
 * field has a default, so `{}` parses.
 */
export function mlpOptionsWith(activations: ActivationsV1) {
  return z.strictObject({
    /** Widths of the hidden layers. */
    hidden: hiddenWidths.default([32, 32]),
    activation: activationNameIn(activations).default('tanh'),
    /** Slope of `leaky-relu` for z < 0 (PyTorch's `negative_slope`); other activations ignore it. */
    negativeSlope: z.number().default(0.01),
    initialiser: initialiserName.default('glorot-normal'),
  });
}

/** Options of `mlp`; every field has a default, so `{}` parses. */
export const mlpOptions = mlpOptionsWith(defaultActivations);

/** Validated options of `mlp`. */
export type MlpOptions = z.output<typeof mlpOptions>;

/**
 * A built MLP. Besides NetworkV1 it exposes its layers and activation, so a hand-written
 * forward and backward (a `jetsWithVjp` fast path) can reuse the same weights and σ^(k).
 */
export interface MlpNetwork extends NetworkV1 {
  /** Dense layers from input to output; `variables` lists their weight and bias in this order. */
  readonly layers: readonly DenseLayer[];
  readonly activation: Activation;
}

/**
 * The output jet of the hidden-and-output stack: σ after every layer but the last.
 * @param first - jet of the pre-activation z of `layers[0]`
 */
export function mlpJet(first: Jet, layers: readonly DenseLayer[], activation: Activation): Jet {
  let z = first;
  for (let i = 1; i < layers.length; i++) z = denseJet(stackJet(activateJet(z, activation)), layers[i]!);
  return z;
}

/**
 * Builds an MLP inputs → hidden… → outputs with σ between layers and a linear output. It offers
 * the `jetsWithVjp` fast path (a hand-written backward, see `mlpJetsWithVjp`) when the activation
 * supplies one derivative more than its jetOrder, and the `float64` path (jets and their
 * Jacobian in `Float64Array`s, see `mlpFloat64Path`) when it also has float64 derivatives and
 * the network has one input column: every built-in activation does.
 * @param activation - overrides `options.activation` (for activations that are not built in)
 * @param activations - where `options.activation` is looked up (default: the built-ins)
 */
export function buildMlp(options: MlpOptions, shape: NetworkShapeV1, activation?: Activation, activations: ActivationsV1 = defaultActivations): MlpNetwork {
  const sigma = activation ?? resolveActivation(options.activation, { negativeSlope: options.negativeSlope }, activations);
  const layers = createDenseLayers([shape.inputs, ...options.hidden, shape.outputs], options.initialiser, seededRandom(shape.seed));
  const jetOrder = Math.min(builtInJetOrder, sigma.maxOrder);
  const network = jetNetwork({
    architecture: mlp.name,
    options,
    shape,
    jetOrder,
    variables: denseLayerVariables(layers),
    propagate: (input: Tensor2D, order: number) => mlpJet(inputDenseJet(input, layers[0]!, order), layers, sigma),
  });
  const float64 = mlpFloat64Path(mlp.name, layers, sigma, jetOrder);
  const built: MlpNetwork = { ...network, layers, activation: sigma, ...(float64 === undefined ? {} : { float64 }) };
  if (sigma.maxOrder <= jetOrder) return built;
  return {
    ...built,
    jetsWithVjp(input, order) {
      assertJetRequest(mlp.name, input, order, jetOrder, shape.inputs);
      return mlpJetsWithVjp(layers, sigma, input, order);
    },
  };
}

/**
 * The multilayer perceptron, with exact input derivatives up to order 4 by forward-mode jets.
 * Options: `hidden` widths (default [32, 32]), `activation` (default `tanh`; `sin`, `leaky-relu`,
 * `silu`, `softplus`, `sigmoid`, or a registered plugin's), `negativeSlope` for leaky ReLU (0.01), `initialiser`
 * (`glorot-normal` default, `glorot-uniform`, `he-normal`, `pytorch-default`).
 * @param activations - the activations its options accept by name and its networks are built
 *   from (default: the built-ins); a registry passes its own through `withActivations`
 */
export function createMlp(activations: ActivationsV1 = defaultActivations): ArchitectureV1<MlpOptions> {
  return defineArchitecture<MlpOptions>({
    name: 'mlp',
    description: 'multilayer perceptron with exact input derivatives (forward-mode jets)',
    options: activations === defaultActivations ? mlpOptions : mlpOptionsWith(activations),
    jetOrder: builtInJetOrder,
    build: (options, shape) => buildMlp(options, shape, undefined, activations),
    withActivations: withActivationsOf(activations, createMlp),
  });
}

/** `mlp` over the built-in activations; a registry rebinds it to its own (`withActivations`). */
export const mlp = createMlp();
