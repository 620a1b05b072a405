import { add, cos, keep, matMul, mul, sin, type Tensor2D, tensor1d, tensor2d } from '@tensorflow/tfjs-core';
import { type ActivationsV1, type ArchitectureV1, defineArchitecture, type NetworkShapeV1, seededRandom } from '@quadrant/spec';
import { z } from 'zod';
import type { Activation } from './activations/activation.ts';
import { activationNameIn } from './activations/activation-registry.ts';
import { defaultActivations, resolveActivation } from './activations/activations.ts';
import { withActivationsOf } from './activations/with-activations-of.ts';
import { initialiserName } from './initialisers/initialisers.ts';
import { type Jet, stackJet } from './jets/jet.ts';
import { jetNetwork } from './jets/jet-network.ts';
import { denseJet } from './layers/dense-jet.ts';
import { createDenseLayers, denseLayerVariables } from './layers/dense-layer.ts';
import { builtInJetOrder, type MlpNetwork, mlpJet } from './mlp.ts';
import { hiddenWidths, layerWidth } from './layers/layer-limits.ts';

/**
 * Options of `fourier-mlp` taking activation names from `activations` (a registry's); every
 * field has a default, so `{}` parses.
 */
export function fourierMlpOptionsWith(activations: ActivationsV1) {
  return z.strictObject({
    /** Random frequencies; the network sees 2·features inputs (a sine and a cosine of each). */
    features: layerWidth.default(16),
    /** Standard deviation of the frequencies B ~ N(0, scale²), in cycles per unit of t. */
    scale: z.number().positive().default(1),
    /** Widths of the hidden layers after the features. */
    hidden: hiddenWidths.default([32, 32]),
    activation: activationNameIn(activations).default('tanh'),
    /** Slope of `leaky-relu` for z < 0 (PyTorch's `negative_slope`); other activations ignore it. */
    negativeSlope: z.number().default(0.01),
    initialiser: initialiserName.default('glorot-normal'),
  });
}

/** Options of `fourier-mlp`; every field has a default, so `{}` parses. */
export const fourierMlpOptions = fourierMlpOptionsWith(defaultActivations);

/** Validated options of `fourier-mlp`. */
export type FourierMlpOptions = z.output<typeof fourierMlpOptions>;

/**
 * Builds a Fourier-feature MLP: φ(x) = [sin 2πxB, cos 2πxB], then an MLP on φ. The frequencies
 * are fixed (not trained) and drawn from the seed before the weights, so the seed alone
 * rebuilds them. Their jets are closed-form: with Θ = 2πxB and ω = 2πB[0, :],
 * d^k/dt^k sin Θ = ω^k sin(Θ + kπ/2) and d^k/dt^k cos Θ = ω^k cos(Θ + kπ/2), which is
 * ±ω^k times sin Θ or cos Θ. Writing both halves as sin(xΩ + φ) with Ω = 2π[B | B] and the
 * phase φ = [0 | π/2] makes each order one broadcast multiply of one [N, 2·features] matrix.
 * @param activation - overrides `options.activation` (for activations that are not built in)
 * @param activations - where `options.activation` is looked up (default: the built-ins)
 */
export function buildFourierMlp(
  options: FourierMlpOptions,
  shape: NetworkShapeV1,
  activation?: Activation,
  activations: ActivationsV1 = defaultActivations,
): MlpNetwork {
  const sigma = activation ?? resolveActivation(options.activation, { negativeSlope: options.negativeSlope }, activations);
  const random = seededRandom(shape.seed);
  const width = 2 * options.features;
  const frequencies = new Float32Array(shape.inputs * width);
  for (let input = 0; input < shape.inputs; input++) {
    for (let feature = 0; feature < options.features; feature++) {
      const angular = 2 * Math.PI * options.scale * random.normal();
      frequencies[input * width + feature] = angular;
      frequencies[input * width + options.features + feature] = angular;
    }
  }
  const phase = new Float32Array(width).fill(Math.PI / 2, options.features);
  const jetOrder = Math.min(builtInJetOrder, sigma.maxOrder);
  // rates[k − 1] = ±ω^k, the sign of sin(θ + kπ/2) as ±sin θ (k even) or ±cos θ (k odd).
  const rates = Array.from({ length: jetOrder }, (_, i) => {
    const k = i + 1;
    const row = new Float32Array(width);
    for (let j = 0; j < width; j++) row[j] = (k % 4 < 2 ? 1 : -1) * frequencies[j]! ** k;
    return keep(tensor2d(row, [1, width]));
  });
  // Owned by the network (freed by dispose), so kept out of any tidy the build may run in.
  const omega = keep(tensor2d(frequencies, [shape.inputs, width]));
  const phaseRow = keep(tensor1d(phase));
  const layers = createDenseLayers([width, ...options.hidden, shape.outputs], options.initialiser, random);
  const features = (input: Tensor2D, order: number): Jet => {
    const angle = add<Tensor2D>(shape.inputs === 1 ? mul(input, omega) : matMul(input, omega), phaseRow);
    const sine = sin(angle);
    const cosine = order >= 1 ? cos(angle) : sine;
    return Array.from({ length: order + 1 }, (_, k) => (k === 0 ? sine : mul<Tensor2D>(k % 2 === 0 ? sine : cosine, rates[k - 1]!)));
  };
  const network = jetNetwork({
    architecture: fourierMlp.name,
    options,
    shape,
    jetOrder,
    variables: denseLayerVariables(layers),
    constants: [omega, phaseRow, ...rates],
    propagate: (input, order) => mlpJet(denseJet(stackJet(features(input, order)), layers[0]!), layers, sigma),
  });
  return { ...network, layers, activation: sigma };
}

/**
 * An MLP on random Fourier features of the input (Tancik et al. 2020), which counters the
 * spectral bias of plain MLPs on oscillating solutions; exact input derivatives up to order 4.
 * Options: `features` (16), `scale` (1), `hidden` ([32, 32]), `activation` (`tanh`),
 * `negativeSlope` (0.01), `initialiser` (`glorot-normal`).
 * @param activations - the activations its options accept by name and its networks are built
 *   from (default: the built-ins); a registry passes its own through `withActivations`
 */
export function createFourierMlp(activations: ActivationsV1 = defaultActivations): ArchitectureV1<FourierMlpOptions> {
  return defineArchitecture<FourierMlpOptions>({
    name: 'fourier-mlp',
    description: 'MLP on random Fourier features sin/cos(2π·B·t), exact input derivatives (forward-mode jets)',
    options: activations === defaultActivations ? fourierMlpOptions : fourierMlpOptionsWith(activations),
    jetOrder: builtInJetOrder,
    build: (options, shape) => buildFourierMlp(options, shape, undefined, activations),
    withActivations: withActivationsOf(activations, createFourierMlp),
  });
}

/** `fourier-mlp` over the built-in activations; a registry rebinds it to its own (`withActivations`). */
export const fourierMlp = createFourierMlp();
