import { add, matMul, mul, sum, type Tensor, type Tensor2D, tensor2d, tidy, transpose, zeros } from '@tensorflow/tfjs-core';
import type { JetsWithVjpV1 } from '@quadrant/spec';
import type { Activation } from './activations/activation.ts';
import { activateJetWith } from './jets/activate-jet.ts';
import { activateJetVjp } from './jets/activate-jet-vjp.ts';
import { finishJet, type Jet, sumTensors } from './jets/jet.ts';
import { inputDenseJet } from './layers/dense-jet.ts';
import type { DenseLayer } from './layers/dense-layer.ts';

/** `JetsWithVjpV1` plus `dispose`, which frees what the backward keeps when `vjp` is not called. */
export interface MlpJetsWithVjp extends JetsWithVjpV1 {
  /** Frees the tensors kept for `vjp` (the jets stay the caller's); `vjp` does this itself. */
  dispose(): void;
}

/** What the backward of a hidden layer needs from the forward. */
interface HiddenLayerRecord {
  /** Jet of the pre-activation z. */
  readonly z: Jet;
  /** σ, σ', …, σ^(order+1) at z's value. */
  readonly sigma: readonly (Tensor2D | undefined)[];
  /** Jet of the activation σ(z), the next layer's input. */
  readonly h: Jet;
}

// a·b, as a broadcast multiply when the inner dimension is 1: a matMul of inner dimension 1
// once gave a stray NaN on wasm, and the multiply is cheaper anyway.
const product = (a: Tensor2D, b: Tensor2D): Tensor2D => (a.shape[1] === 1 ? mul(a, b) : matMul(a, b));

/**
 * The jet of z = h·W + b, one matMul per order present (the weights as second operand): the
 * orders stay separate tensors, because splitting a stacked result costs slices, slow on wasm.
 */
function denseJetByOrder(h: Jet, layer: DenseLayer): Jet {
  const z = h.map((block) => (block === undefined ? undefined : product(block, layer.weight)));
  z[0] = add<Tensor2D>(z[0]!, layer.bias);
  return z;
}

/**
 * dW = Σ_k h^(k)ᵀ · z̄^(k), a transpose and a plain matMul per order: stacking the orders
 * instead (two concats, one matMul) measured slower on wasm, where a concat of two [501, 50]
 * blocks costs about half a matMul.
 */
function weightGradient(h: Jet, cotangent: Jet, shape: readonly [number, number]): Tensor2D {
  const terms: Tensor2D[] = [];
  h.forEach((block, k) => {
    const bar = cotangent[k];
    if (block !== undefined && bar !== undefined) terms.push(product(transpose(block), bar));
  });
  return terms.length === 0 ? zeros([...shape]) : sumTensors(terms);
}

/** db = Σ_rows z̄ (b reaches the value only). */
const biasGradient = (cotangent: Jet, width: number): Tensor => (cotangent[0] === undefined ? zeros([width]) : sum(cotangent[0], 0));

/**
 * The input layer's dW: z = x·W + b has z' = W[0, :] on every row (x' = e₀), so
 * dW = xᵀ·z̄ + e₀ ⊗ Σ_rows z̄'. With one input column, a broadcast multiply and one sum.
 */
function inputWeightGradient(input: Tensor2D, cotangent: Jet, shape: readonly [number, number]): Tensor2D {
  const [fanIn, fanOut] = shape;
  const [valueBar, slopeBar] = cotangent;
  if (fanIn === 1) {
    const terms = [...(valueBar === undefined ? [] : [mul<Tensor2D>(input, valueBar)]), ...(slopeBar === undefined ? [] : [slopeBar])];
    return terms.length === 0 ? zeros([1, fanOut]) : sum(sumTensors(terms), 0, true);
  }
  const terms: Tensor2D[] = [];
  if (valueBar !== undefined) terms.push(matMul(transpose(input), valueBar));
  if (slopeBar !== undefined) {
    const firstRow = tensor2d(
      Float32Array.from({ length: fanIn }, (_, i) => (i === 0 ? 1 : 0)),
      [fanIn, 1],
    );
    terms.push(mul(firstRow, sum<Tensor2D>(slopeBar, 0, true)));
  }
  return terms.length === 0 ? zeros([...shape]) : sumTensors(terms);
}

/**
 * An MLP's jets with a hand-written backward, off the autodiff tape. The forward is the one of
 * `mlpJet` (σ after every layer but the last) with the orders kept as separate tensors, and
 * records what the backward needs: each hidden layer's z jet, σ…σ^(order+1) at z, and its
 * output jet. The backward runs the layers in reverse: through a dense layer
 * h̄^(k) = z̄^(k)·Wᵀ (one explicit transpose of W, then plain matMuls with Wᵀ second) and
 * dW = (stacked h)ᵀ·(stacked z̄), db = Σ z̄; through an activation by `activateJetVjp`. No
 * matMul uses the transpose flags, which on wasm cost about ten times a plain matMul.
 *
 * Tensors: `jets` are the caller's. The input and the variables must stay alive and unchanged
 * until `vjp` is called; `vjp` returns gradients the caller owns and frees everything kept;
 * `dispose` frees it without a backward. Inside the caller's `tidy`, all of it goes at its end.
 * @param activation - must supply σ^(order+1)
 */
export function mlpJetsWithVjp(layers: readonly DenseLayer[], activation: Activation, input: Tensor2D, order: number): MlpJetsWithVjp {
  const outputs = layers[layers.length - 1]!.weight.shape[1];
  const hidden: HiddenLayerRecord[] = [];
  const kept = tidy(() => {
    let z = inputDenseJet(input, layers[0]!, order);
    for (let i = 1; i < layers.length; i++) {
      const sigma = activation.derivatives(z[0]!, order + 1);
      const h = activateJetWith(z, sigma);
      hidden.push({ z, sigma, h });
      z = denseJetByOrder(h, layers[i]!);
    }
    const jets = finishJet(z, input.shape[0], outputs);
    const records = hidden.flatMap((record) => [...record.z, ...record.sigma, ...record.h]);
    return { jets, records: records.filter((tensor) => tensor !== undefined) };
  });
  const jets = kept.jets;
  // Only what this call created is freed: never the input, a weight (z' of the first layer) or a jet.
  const shared = new Set<Tensor>([input, ...jets, ...layers.flatMap((layer) => [layer.weight, layer.bias])]);
  const owned = [...new Set(kept.records)].filter((tensor) => !shared.has(tensor));
  let released = false;
  const dispose = (): void => {
    released = true;
    for (const tensor of owned) tensor.dispose();
  };
  return {
    jets,
    vjp(cotangents) {
      if (released) throw new Error('mlp: jetsWithVjp(…).vjp called after vjp or dispose; call jetsWithVjp again for another backward');
      const gradients = tidy(() => {
        const result: Tensor[] = new Array<Tensor>(2 * layers.length);
        let bar: Jet = Array.from({ length: order + 1 }, (_, k) => cotangents[k]);
        for (let i = layers.length - 1; i >= 1; i--) {
          const layer = layers[i]!;
          const record = hidden[i - 1]!;
          result[2 * i] = weightGradient(record.h, bar, layer.weight.shape);
          result[2 * i + 1] = biasGradient(bar, layer.bias.shape[0]);
          const weightT = transpose(layer.weight);
          const hBar = bar.map((block) => (block === undefined ? undefined : product(block, weightT)));
          bar = activateJetVjp(record.z, record.sigma, hBar);
        }
        result[0] = inputWeightGradient(input, bar, layers[0]!.weight.shape);
        result[1] = biasGradient(bar, layers[0]!.bias.shape[0]);
        return result;
      });
      dispose();
      return gradients;
    },
    dispose,
  };
}
