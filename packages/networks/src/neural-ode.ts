import { add, concat, customGrad, fill, type GradSaveFunc, matMul, mul, type Tensor, type Tensor2D, tensor, tensor2d, zeros } from '@tensorflow/tfjs-core';
import {
  type ActivationsV1,
  type ArchitectureV1,
  defineArchitecture,
  type InitialStateV1,
  type NetworkShapeV1,
  type NetworkV1,
  QuadrantError,
  seededRandom,
} from '@quadrant/spec';
import { z } from 'zod';
import type { Activation } from './activations/activation.ts';
import { defaultActivations, resolveActivation } from './activations/activations.ts';
import { withActivationsOf } from './activations/with-activations-of.ts';
import { neuralOdeFlow, type PlainLayer } from './float64/neural-ode-flow.ts';
import { type Jet, stackJet } from './jets/jet.ts';
import { jetNetwork } from './jets/jet-network.ts';
import { denseJet } from './layers/dense-jet.ts';
import { createDenseLayers, type DenseLayer, denseLayerVariables } from './layers/dense-layer.ts';
import { builtInJetOrder, mlpJet, mlpOptionsWith } from './mlp.ts';

/** The most RK4 steps `neural-ode` takes across the training domain: 10^5 sequential steps is minutes per evaluation. */
const maximumSteps = 100_000;

/**
 * Options of `neural-ode` taking activation names from `activations`: those of its inner MLP
 * f_θ, the RK4 step count and whether f_θ sees t; every field has a default, so `{}` parses.
 */
export function neuralOdeOptionsWith(activations: ActivationsV1) {
  return mlpOptionsWith(activations).extend({
    /** RK4 steps across the training domain: no step is longer than the domain's length / `steps` (steps land on every asked point). */
    steps: z.int().positive().max(maximumSteps, `exceeds the limit of ${maximumSteps} steps`).default(32),
    /** Whether f_θ also takes t (mapped onto [−1, 1] over the domain); by default the learned dynamics are autonomous, y' = f_θ(y). */
    time: z.boolean().default(false),
    /**
     * Whether f_θ adds a linear map of its input to the MLP's output (f_θ(s) = A·s + b + MLP(s), A and b trained, a
     * skip connection): what the MLP bends is then around a linear field, which is what it falls back to where tanh saturates.
     */
    linear: z.boolean().default(false),
  });
}

/** Options of `neural-ode`; every field has a default, so `{}` parses. */
export const neuralOdeOptions = neuralOdeOptionsWith(defaultActivations);

/** Validated options of `neural-ode`. */
export type NeuralOdeOptions = z.output<typeof neuralOdeOptions>;

/** Without an initial state in the shape (a conformance kit's build), each output starts as a first-order unknown at 0 on [0, 1]. */
const firstOrderAtZero = (outputs: number): InitialStateV1 => ({ domain: [0, 1], values: Array.from({ length: outputs }, () => [0]) });

/**
 * Builds a learned-dynamics network. The state s holds every output with its derivatives below
 * its order ([u, u', …, u^(m−1)] per output, as `shape.initial` gives them at the domain's start);
 * f_θ, an MLP from the state (and t, with `time`) to each output's highest derivative, closes
 * s' = F(s): the lower derivatives follow by definition, the highest from f_θ. The value at the
 * asked points is the fixed-step RK4 integral of F from the initial state, forward and backward in
 * t, so it extends past the training domain; its derivatives are those of the flow of F there
 * (u^(m) = f_θ, then Taylor-mode jets of f_θ along the flow), exact for the learned dynamics.
 * Where σ has float64 derivatives the states come from a float64 flow whose gradient is its
 * hand-written reverse pass (the discrete adjoint of RK4, one custom gradient); otherwise RK4 runs
 * in tfjs on the autodiff tape.
 * @throws QuadrantError `SHAPE_MISMATCH` for more than one input column or an initial state whose outputs differ from `shape.outputs`
 */
export function buildNeuralOde(options: NeuralOdeOptions, shape: NetworkShapeV1, activations: ActivationsV1 = defaultActivations): NetworkV1 {
  if (shape.inputs !== 1) {
    throw new QuadrantError('SHAPE_MISMATCH', `${neuralOde.name}: takes one input column (t), but the shape asks for ${shape.inputs}`);
  }
  const initial = shape.initial ?? firstOrderAtZero(shape.outputs);
  if (initial.values.length !== shape.outputs || initial.values.some((values) => values.length === 0)) {
    throw new QuadrantError(
      'SHAPE_MISMATCH',
      `${neuralOde.name}: the initial state gives ${initial.values.length} outputs (orders ${initial.values.map((values) => values.length).join(', ')}), but the shape has ${shape.outputs} outputs of order ≥ 1`,
    );
  }
  const sigma = resolveActivation(options.activation, { negativeSlope: options.negativeSlope }, activations);
  const orders = initial.values.map((values) => values.length);
  const bases = orders.map((_, j) => orders.slice(0, j).reduce((sum, order) => sum + order, 0));
  const size = orders.reduce((sum, order) => sum + order, 0);
  const layers = createDenseLayers([size + (options.time ? 1 : 0), ...options.hidden, shape.outputs], options.initialiser, seededRandom(shape.seed));
  // The skip draws from its own stream, so the MLP's weights are those it has without it.
  const skip = options.linear
    ? createDenseLayers([size + (options.time ? 1 : 0), shape.outputs], options.initialiser, seededRandom(shape.seed + 1))[0]
    : undefined;
  const [start, end] = initial.domain;
  const largestStep = (end - start) / options.steps;
  const start0 = tensor2d(initial.values.flat(), [1, size]);
  // s' = s·shift + f·place: `shift` moves each derivative below the highest one slot down, `place` puts f_θ's outputs in the highest slots.
  const firstOrder = size === shape.outputs;
  const shift = firstOrder ? undefined : tensor2d(shiftMatrix(orders, bases, size), [size, size]);
  const place = firstOrder ? undefined : tensor2d(placeMatrix(orders, bases, size), [shape.outputs, size]);
  // Picks each output's value, slot bases[j], out of the state (a matMul: gather has no gradient kernel on wasm).
  const values = firstOrder ? undefined : tensor2d(pickMatrix(bases, size), [size, shape.outputs]);
  const constants: Tensor[] = [start0, ...[shift, place, values].filter((each) => each !== undefined)];
  const timeScale = 2 / (end - start);
  const dynamics: Dynamics = { layers, skip, sigma, time: options.time, timeScale, start, shift, place };
  const jetOrder = Math.min(builtInJetOrder, sigma.maxOrder + 1);
  const plain = sigma.float64;
  const layout = { orders, bases, size, time: options.time, timeScale, start };
  const initialState = Float64Array.from(initial.values.flat());
  const variables = denseLayerVariables(skip === undefined ? layers : [...layers, skip]);
  // With float64 derivatives of σ, the states come from the float64 flow and its hand-written reverse pass (one custom gradient).
  const statesAt = (times: ArrayLike<number>): Tensor2D => {
    if (plain === undefined) return integrate(dynamics, start0, start, largestStep, times);
    const flowStates = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
      const weights = args.slice(0, variables.length) as Tensor[];
      const plainWeights = plainLayers(skip === undefined ? layers : [...layers, skip], weights);
      const plainSkip = skip === undefined ? undefined : plainWeights.pop();
      const flow = neuralOdeFlow(plainWeights, plain, layout, initialState, start, largestStep, times, plainSkip);
      return {
        value: tensor2d(Float32Array.from(flow.states), [times.length, size]),
        gradFunc: (dy: Tensor) => flow.vjp(dy.dataSync()).map((gradient, i) => tensor(Float32Array.from(gradient), weights[i]!.shape)),
      };
    }) as (...weights: Tensor[]) => Tensor2D;
    return flowStates(...variables);
  };
  return jetNetwork({
    architecture: neuralOde.name,
    options,
    shape,
    jetOrder,
    variables,
    constants,
    propagate(input, order) {
      const times = input.dataSync();
      const jet = flowJet(dynamics, statesAt(times), order > 0 ? tensor2d(Float32Array.from(times), [times.length, 1]) : undefined, order);
      return values === undefined ? jet : jet.map((block) => matMul<Tensor2D>(block!, values));
    },
  });
}

/** The layers' weights (`weights`: each layer's weight then bias, as the variables) as plain numbers. */
function plainLayers(layers: readonly DenseLayer[], weights: readonly Tensor[]): PlainLayer[] {
  return layers.map((layer, l) => {
    const [fanIn, fanOut] = layer.weight.shape;
    return { weight: Float64Array.from(weights[2 * l]!.dataSync()), bias: Float64Array.from(weights[2 * l + 1]!.dataSync()), fanIn, fanOut };
  });
}

/** What the right-hand side F of the learned system is made of. */
interface Dynamics {
  readonly layers: readonly DenseLayer[];
  /** The linear skip added to the MLP (option `linear`). */
  readonly skip: DenseLayer | undefined;
  readonly sigma: Activation;
  readonly time: boolean;
  /** d(scaled t)/dt: f_θ sees 2(t − start)/(end − start) − 1. */
  readonly timeScale: number;
  readonly start: number;
  readonly shift: Tensor2D | undefined;
  readonly place: Tensor2D | undefined;
}

function shiftMatrix(orders: readonly number[], bases: readonly number[], size: number): Float32Array {
  const matrix = new Float32Array(size * size);
  orders.forEach((order, j) => {
    for (let k = 0; k + 1 < order; k++) matrix[(bases[j]! + k + 1) * size + bases[j]! + k] = 1;
  });
  return matrix;
}

function pickMatrix(bases: readonly number[], size: number): Float32Array {
  const matrix = new Float32Array(size * bases.length);
  bases.forEach((base, j) => {
    matrix[base * bases.length + j] = 1;
  });
  return matrix;
}

function placeMatrix(orders: readonly number[], bases: readonly number[], size: number): Float32Array {
  const matrix = new Float32Array(orders.length * size);
  orders.forEach((order, j) => {
    matrix[j * size + bases[j]! + order - 1] = 1;
  });
  return matrix;
}

/** The jet of f_θ along a path whose state jet is `state` (and t moving at unit speed). */
function dynamicsJet(dynamics: Dynamics, state: readonly Tensor2D[], t: Tensor2D | undefined): Jet {
  const rows = state[0]!.shape[0];
  const input: Jet = !dynamics.time
    ? [...state]
    : state.map((block, k) => {
        const column =
          k === 0
            ? add<Tensor2D>(mul(t!, dynamics.timeScale), -1 - dynamics.start * dynamics.timeScale)
            : k === 1
              ? fill([rows, 1], dynamics.timeScale)
              : zeros([rows, 1]);
        return concat([column as Tensor2D, block], 1);
      });
  const stacked = stackJet(input);
  const f = mlpJet(denseJet(stacked, dynamics.layers[0]!), dynamics.layers, dynamics.sigma);
  if (dynamics.skip === undefined) return f;
  const linear = denseJet(stacked, dynamics.skip);
  return f.map((block, k) => (block === undefined ? linear[k] : linear[k] === undefined ? block : add<Tensor2D>(block, linear[k]!)));
}

/** F(s) = s' of the state from a jet entry f of f_θ: the lower derivatives shifted down, f in the highest slots. */
function stateDerivative(dynamics: Dynamics, state: Tensor2D, f: Tensor2D): Tensor2D {
  if (dynamics.shift === undefined || dynamics.place === undefined) return f;
  // One output: a broadcast multiply rather than a matMul of inner dimension 1.
  const placed = f.shape[1] === 1 ? mul<Tensor2D>(f, dynamics.place) : matMul(f, dynamics.place);
  return add(matMul(state, dynamics.shift), placed);
}

function rhs(dynamics: Dynamics, state: Tensor2D, t: number): Tensor2D {
  const f = dynamicsJet(dynamics, [state], dynamics.time ? fill([state.shape[0], 1], t) : undefined)[0]!;
  return stateDerivative(dynamics, state, f);
}

function rk4Step(dynamics: Dynamics, state: Tensor2D, t: number, h: number): Tensor2D {
  const k1 = rhs(dynamics, state, t);
  const k2 = rhs(dynamics, add(state, mul(k1, h / 2)), t + h / 2);
  const k3 = rhs(dynamics, add(state, mul(k2, h / 2)), t + h / 2);
  const k4 = rhs(dynamics, add(state, mul(k3, h)), t + h);
  return add(state, mul(add(add(k1, k4), mul(add(k2, k3), 2)), h / 6));
}

/** The states at `times` (any order, repeats allowed), in tfjs: RK4 from `t0` forwards to the later ones, backwards to the earlier. */
function integrate(dynamics: Dynamics, initial: Tensor2D, t0: number, largestStep: number, times: ArrayLike<number>): Tensor2D {
  const distinct = [...new Set(Array.from(times))];
  const reached = new Map<number, Tensor2D>();
  const march = (targets: readonly number[]) => {
    let state = initial;
    let from = t0;
    for (const target of targets) {
      const steps = Math.max(1, Math.ceil(Math.abs(target - from) / largestStep - 1e-9));
      const h = (target - from) / steps;
      for (let i = 0; i < steps; i++) state = rk4Step(dynamics, state, from + i * h, h);
      reached.set(target, state);
      from = target;
    }
  };
  reached.set(t0, initial);
  march(distinct.filter((t) => t > t0).sort((a, b) => a - b));
  march(distinct.filter((t) => t < t0).sort((a, b) => b - a));
  const index = new Map(distinct.map((t, i) => [t, i]));
  const rows = concat(distinct.map((t) => reached.get(t)!));
  if (distinct.length === times.length && distinct.every((t, i) => t === times[i])) return rows;
  // Rows back in the asked order by a one-hot matMul: gather has no gradient kernel on wasm.
  const pick = new Float32Array(times.length * distinct.length);
  for (let i = 0; i < times.length; i++) pick[i * distinct.length + index.get(times[i]!)!] = 1;
  return matMul(tensor2d(pick, [times.length, distinct.length]), rows);
}

/** The state's jet along the flow up to `order`: s^(k) = F^(k−1), with F's jet from f_θ's along the state's lower orders. */
function flowJet(dynamics: Dynamics, states: Tensor2D, times: Tensor2D | undefined, order: number): Jet {
  const state: Tensor2D[] = [states];
  for (let k = 1; k <= order; k++) {
    const f = dynamicsJet(dynamics, state, times)[k - 1] ?? zeros([states.shape[0], dynamics.layers.at(-1)!.bias.shape[0]]);
    state.push(stateDerivative(dynamics, state[k - 1]!, f));
  }
  return state;
}

/**
 * Learned dynamics (a neural ODE): the network's output is the RK4 integral of y' = f_θ(y) from
 * the problem's initial state, f_θ an MLP; trained on data it learns an equation nobody wrote.
 * Options: those of `mlp` for f_θ (default tanh [32, 32]), `steps` RK4 steps across the domain
 * (32), `time` to let f_θ see t (false: autonomous), `linear` to add a linear map of the state to
 * f_θ (false). Jets up to order 4 (exact for the learned flow).
 * @param activations - the activations its options accept by name (default: the built-ins)
 */
export function createNeuralOde(activations: ActivationsV1 = defaultActivations): ArchitectureV1<NeuralOdeOptions> {
  return defineArchitecture<NeuralOdeOptions>({
    name: 'neural-ode',
    description: "learned dynamics: the RK4 integral of y' = f(y) from the initial state, f an MLP (no equation given)",
    options: activations === defaultActivations ? neuralOdeOptions : neuralOdeOptionsWith(activations),
    jetOrder: builtInJetOrder,
    build: (options, shape) => buildNeuralOde(options, shape, activations),
    withActivations: withActivationsOf(activations, createNeuralOde),
  });
}

/** `neural-ode` over the built-in activations; a registry rebinds it to its own (`withActivations`). */
export const neuralOde = createNeuralOde();
