import { type Tensor1D, type Tensor2D, tensor1d, tensor2d, variable, zeros } from '@tensorflow/tfjs-core';
import {
  type ActivationsV1,
  type ArchitectureV1,
  defineArchitecture,
  type Float64JetsV1,
  type NetworkShapeV1,
  type NetworkV1,
  QuadrantError,
  seededRandom,
} from '@quadrant/spec';
import { assertFloat64JetOrder } from './float64/assert-float64-jet-order.ts';
import { z } from 'zod';
import { activationNameIn } from './activations/activation-registry.ts';
import { defaultActivations, resolveActivation } from './activations/activations.ts';
import { withActivationsOf } from './activations/with-activations-of.ts';
import { float64Parameters } from './float64/float64-parameters.ts';
import { stackJet } from './jets/jet.ts';
import { activateJet } from './jets/activate-jet.ts';
import { jetNetwork } from './jets/jet-network.ts';
import { denseJet, inputDenseJet } from './layers/dense-jet.ts';
import { type DenseLayer, denseLayerVariables } from './layers/dense-layer.ts';
import { builtInJetOrder } from './mlp.ts';
import { layerWidth } from './layers/layer-limits.ts';

/**
 * Options of `random-features` taking activation names from `activations` (a registry's); every
 * field has a default, so `{}` parses.
 */
export function randomFeaturesOptionsWith(activations: ActivationsV1) {
  return z.strictObject({
    /** Number of fixed random features φ_i(t) = σ(a_i·t + b_i). */
    features: layerWidth.default(32),
    /** Spread of the fixed weights: a_i ~ U(−scale, scale), b_i ~ U(−scale, scale), for inputs scaled to [−1, 1]. */
    scale: z.number().positive().default(2),
    activation: activationNameIn(activations).default('tanh'),
    /** Slope of `leaky-relu` for z < 0; other activations ignore it. */
    negativeSlope: z.number().default(0.01),
  });
}

/** Options of `random-features`; every field has a default, so `{}` parses. */
export const randomFeaturesOptions = randomFeaturesOptionsWith(defaultActivations);

/** Validated options of `random-features`. */
export type RandomFeaturesOptions = z.output<typeof randomFeaturesOptions>;

/**
 * Builds a random-feature network y = φ(t)·W + c with φ_i(t) = σ(a_i·t + b_i): the hidden
 * layer is drawn from the seed and fixed, only the output layer W, c is trained (the extreme
 * learning machine; Dwivedi & Srinivasan, Neurocomputing 2020). Its output is linear in the
 * trained weights, so a linear equation is one least-squares solve and a nonlinear one a few
 * Gauss–Newton steps. The tfjs jets are those of a one-hidden-layer MLP; the float64 path
 * computes d^k φ_i/dt^k = a_i^k σ^(k)(a_i·t + b_i) in closed form, and the Jacobian of every
 * jet entry with respect to W and c is those feature jets themselves. An activation without
 * float64 derivatives (a plug-in's) leaves the network without the float64 path.
 * @param activations - where `options.activation` is looked up (default: the built-ins)
 */
export function buildRandomFeatures(options: RandomFeaturesOptions, shape: NetworkShapeV1, activations: ActivationsV1 = defaultActivations): NetworkV1 {
  const sigma = resolveActivation(options.activation, { negativeSlope: options.negativeSlope }, activations);
  const random = seededRandom(shape.seed);
  const { inputs, outputs } = shape;
  const width = options.features;
  const uniform = () => options.scale * (2 * random.uniform() - 1);
  const hiddenWeight = Float32Array.from({ length: inputs * width }, uniform);
  const hiddenBias = Float32Array.from({ length: width }, uniform);
  const weightValues = tensor2d(hiddenWeight, [inputs, width]);
  const biasValues = tensor1d(hiddenBias);
  // The fixed layer is held as non-trainable variables so the MLP's dense jets take it as they take any layer.
  const hidden: DenseLayer = { weight: variable(weightValues, false), bias: variable(biasValues, false) };
  weightValues.dispose();
  biasValues.dispose();
  // The output layer starts at zero: a trial solution then starts as its initial values held
  // constant, a better first guess for Gauss–Newton than random weights far from any solution.
  const [zeroWeight, zeroBias] = [zeros([width, outputs]), zeros([outputs])];
  const output: DenseLayer = { weight: variable(zeroWeight as Tensor2D, true), bias: variable(zeroBias as Tensor1D, true) };
  zeroWeight.dispose();
  zeroBias.dispose();
  const variables = denseLayerVariables([output]);
  const jetOrder = Math.min(builtInJetOrder, sigma.maxOrder);
  const network = jetNetwork({
    architecture: randomFeatures.name,
    options,
    shape,
    jetOrder,
    variables,
    constants: [hidden.weight, hidden.bias],
    propagate: (input: Tensor2D, order: number) => denseJet(stackJet(activateJet(inputDenseJet(input, hidden, order), sigma)), output),
  });
  const derivativesAt = sigma.float64;
  if (derivativesAt === undefined) return network;
  const parameters = float64Parameters(variables);
  // The slope of each feature in t (input column 0); its powers a_i^k give the jets.
  const slope = Float64Array.from({ length: width }, (_, i) => hiddenWeight[i]!);
  const bias = Float64Array.from(hiddenBias);
  const size = parameters.size;
  /** feature[(n·(order + 1) + k)·width + i] = d^k φ_i/dt^k at point n = a_i^k σ^(k)(a_i·t_n + b_i + further inputs). */
  const computeFeatures = (t: Float64Array, order: number, extra: Float64Array | undefined): Float64Array => {
    const columns = inputs - 1;
    const sigmas = new Float64Array(order + 1);
    const feature = new Float64Array(t.length * (order + 1) * width);
    for (let n = 0; n < t.length; n++) {
      for (let i = 0; i < width; i++) {
        // Further inputs (a bundle's parameters) shift each feature; jets stay with respect to t.
        let shift = bias[i]!;
        for (let c = 1; c < inputs; c++) shift += hiddenWeight[c * width + i]! * extra![n * columns + c - 1]!;
        derivativesAt(slope[i]! * t[n]! + shift, sigmas, order);
        let power = 1;
        for (let k = 0; k <= order; k++) {
          feature[(n * (order + 1) + k) * width + i] = power * sigmas[k]!;
          power *= slope[i]!;
        }
      }
    }
    return feature;
  };
  // The feature jets depend on the points (and further inputs) alone, not on the trained weights,
  // and a fit evaluates them at the same points every iteration: the last call's are kept and
  // taken again while the points, further inputs and order are the same (one comparison of the
  // points instead of an exp per point and feature).
  let last: { readonly t: Float64Array; readonly extra: Float64Array | undefined; readonly order: number; readonly feature: Float64Array } | undefined;
  const same = (a: Float64Array | undefined, b: Float64Array | undefined): boolean =>
    a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((each, index) => each === b[index]));
  const featuresAt = (t: Float64Array, order: number, extra: Float64Array | undefined): Float64Array => {
    if (last === undefined || last.order !== order || !same(last.t, t) || !same(last.extra, extra)) {
      last = { t: t.slice(), extra: extra?.slice(), order, feature: computeFeatures(t, order, extra) };
    }
    return last.feature;
  };
  return {
    ...network,
    float64: {
      size,
      read: parameters.read,
      write: parameters.write,
      jets(values, t, order, jacobian, extra): Float64JetsV1 {
        assertFloat64JetOrder(randomFeatures.name, order, jetOrder);
        const points = t.length;
        const columns = inputs - 1;
        if (columns > 0 && extra?.length !== points * columns) {
          throw new QuadrantError(
            'SHAPE_MISMATCH',
            `${randomFeatures.name}: float64 jets: ${points} points of ${inputs} inputs need ${points * columns} further input values, got ${extra?.length ?? 0}`,
          );
        }
        const jets = Array.from({ length: order + 1 }, () => new Float64Array(points * outputs));
        const jacobians = jacobian ? Array.from({ length: order + 1 }, () => new Float64Array(points * outputs * size)) : undefined;
        const feature = featuresAt(t, order, extra);
        for (let n = 0; n < points; n++) {
          for (let k = 0; k <= order; k++) {
            const row = (n * (order + 1) + k) * width;
            for (let j = 0; j < outputs; j++) {
              // W is [features, outputs] row-major, then c: y_j = Σ_i φ_i W[i, j] + c_j.
              let total = k === 0 ? values[width * outputs + j]! : 0;
              for (let i = 0; i < width; i++) total += feature[row + i]! * values[i * outputs + j]!;
              jets[k]![n * outputs + j] = total;
              if (jacobians !== undefined) {
                const base = (n * outputs + j) * size;
                const entries = jacobians[k]!;
                for (let i = 0; i < width; i++) entries[base + i * outputs + j] = feature[row + i]!;
                if (k === 0) entries[base + width * outputs + j] = 1;
              }
            }
          }
        }
        return jacobians === undefined ? { jets } : { jets, jacobian: jacobians };
      },
    },
  };
}

/**
 * Random features: one fixed random hidden layer, a trained linear output layer (the
 * physics-informed extreme learning machine). Small and fast with second-order training in
 * float64. Options: `features` (32), `scale` (2), `activation` (`tanh`), `negativeSlope`; the output layer starts at zero.
 * @param activations - the activations its options accept by name and its networks are built
 *   from (default: the built-ins); a registry passes its own through `withActivations`
 */
export function createRandomFeatures(activations: ActivationsV1 = defaultActivations): ArchitectureV1<RandomFeaturesOptions> {
  return defineArchitecture<RandomFeaturesOptions>({
    name: 'random-features',
    description: 'fixed random hidden layer, trained output layer: least squares / Gauss–Newton in float64',
    options: activations === defaultActivations ? randomFeaturesOptions : randomFeaturesOptionsWith(activations),
    jetOrder: builtInJetOrder,
    build: (options, shape) => buildRandomFeatures(options, shape, activations),
    withActivations: withActivationsOf(activations, createRandomFeatures),
  });
}

/** `random-features` over the built-in activations; a registry rebinds it to its own (`withActivations`). */
export const randomFeatures = createRandomFeatures();
