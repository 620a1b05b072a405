import { add, grad, matMul, mean, type Scalar, square, sum, type Tensor, type Tensor2D, tensor, tensor2d, tidy, variableGrads } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { differenceEstimate } from '../conformance/difference-estimate.ts';
import { buildMlp, type MlpNetwork, mlp } from '../mlp.ts';

// Why Quadrant takes input derivatives from forward-mode jets: a PINN loss on y'' needs the
// weight gradient of y'', and nested tf.grad does not give it correctly in tfjs 4.22 (the
// gradients of tanh, sigmoid and friends reuse their saved output as a constant).

const ts = [-1.5, -0.75, -0.25, 0.5, 1, 1.75];
const build = (activation: string): MlpNetwork => buildMlp(mlp.options.parse({ hidden: [16, 16], activation }), { inputs: 1, outputs: 1, seed: 4 });

/** The network's value as a plain tfjs function of t, the way a PINN without jets writes it. */
const plainValue =
  (network: MlpNetwork) =>
  (t: Tensor): Tensor => {
    let h = t as Tensor2D;
    network.layers.forEach((layer, i) => {
      h = add(matMul(h, layer.weight), layer.bias);
      if (i < network.layers.length - 1) h = network.activation.derivatives(h, 0)[0]!;
    });
    return h;
  };
/** y'' by nested tf.grad: the gradient of the gradient of Σ y. */
const nestedSecondDerivative = (network: MlpNetwork, t: Tensor2D): Tensor => {
  const value = plainValue(network);
  return grad((x: Tensor) => sum(grad((inner: Tensor) => sum(value(inner)))(x)))(t);
};
/** The oscillator residual y'' + y, whose mean square a PINN for y'' = −y minimises. */
const residualLoss = (second: Tensor, value: Tensor): Scalar => mean(square(add(second, value)));

const readGradients = (network: MlpNetwork, loss: () => Scalar): Float32Array[] => {
  const result: Float32Array[] = [];
  tidy(() => {
    const { grads } = variableGrads(loss, [...network.variables]);
    for (const variable of network.variables) result.push(Float32Array.from(grads[variable.name]!.dataSync()));
  });
  return result;
};
const jetsGradients = (network: MlpNetwork, t: Tensor2D): Float32Array[] =>
  readGradients(network, () => {
    const [value, , second] = network.jets(t, 2);
    return residualLoss(second!, value!);
  });
const relativeDifference = (a: Float32Array, b: Float32Array): number => {
  let difference = 0;
  let norm = 0;
  a.forEach((value, i) => {
    difference += (value - b[i]!) ** 2;
    norm += value * value;
  });
  return Math.sqrt(difference / norm);
};

/** d loss / d weight by central differences in float64 of the float32 loss, the weight snapped to a grid of 2^-12. */
function numericalGradient(network: MlpNetwork, t: Tensor2D, v: number, index: number): number | undefined {
  const variable = network.variables[v]!;
  const setWeight = (value: number): void => {
    const values = Float32Array.from(variable.dataSync());
    values[index] = value;
    tidy(() => {
      variable.assign(tensor(values, variable.shape));
    });
  };
  const base = Math.round(variable.dataSync()[index]! * 4096) / 4096;
  const loss = (): number => {
    let total = 0;
    tidy(() => {
      const [value, , second] = network.jets(t, 2);
      const y = value!.dataSync();
      const y2 = second!.dataSync();
      y.forEach((entry, i) => {
        total += (y2[i]! + entry) ** 2 / y.length;
      });
    });
    return total;
  };
  const steps = [2 ** -5, 2 ** -6, 2 ** -7, 2 ** -8, 2 ** -9];
  const estimate = differenceEstimate(
    (s, j) => {
      setWeight(base + j * steps[s]!);
      return loss();
    },
    steps,
    (h) => 1e-5 / h + 1e-4,
  );
  setWeight(base);
  return estimate?.value;
}

describe('weight gradients of a loss on y′′', () => {
  it('through jets they match numerical gradients for a tanh mlp', () => {
    const network = build('tanh');
    const t = tensor2d(ts, [ts.length, 1]);
    // Snap the weights the numerical gradient moves first, so both gradients are taken at the same point.
    const picks = network.variables.map((variable, v) => ({ v, index: Math.floor(variable.size / 2) }));
    const numerical = picks.map(({ v, index }) => numericalGradient(network, t, v, index));
    const analytic = jetsGradients(network, t);
    const scale = Math.max(...analytic.map((values) => values.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0)));
    picks.forEach(({ v, index }, i) => {
      expect(numerical[i], `variable ${v}`).toBeDefined();
      expect(Math.abs(analytic[v]![index]! - numerical[i]!), `variable ${v} [${index}]`).toBeLessThan(2e-3 * scale);
    });
    t.dispose();
    network.dispose();
  });

  it('nested tf.grad cannot even form y′′ of a tanh mlp: the path back to t is lost', () => {
    const network = build('tanh');
    const t = tensor2d(ts, [ts.length, 1]);
    expect(() => tidy(() => nestedSecondDerivative(network, t))).toThrow(/Cannot compute gradient of y=f\(x\)/);
    t.dispose();
    network.dispose();
  });

  it('nested tf.grad gives a wrong y′′ for a silu mlp, where jets agree with differences of y′', () => {
    const network = build('silu');
    const t = tensor2d(ts, [ts.length, 1]);
    const nested: number[] = [];
    const jets: number[] = [];
    tidy(() => {
      nested.push(...nestedSecondDerivative(network, t).dataSync());
      jets.push(...network.jets(t, 2)[2]!.dataSync());
    });
    // Reference: central differences of y' (first-order tfjs gradients are right).
    const steps = [2 ** -4, 2 ** -5, 2 ** -6, 2 ** -7, 2 ** -8];
    const firstDerivative = (x: number): number => {
      let result = 0;
      tidy(() => {
        result = grad((inner: Tensor) => sum(plainValue(network)(inner)))(tensor2d([[x]])).dataSync()[0]!;
      });
      return result;
    };
    ts.forEach((point, i) => {
      const reference = differenceEstimate(
        (s, j) => firstDerivative(point + j * steps[s]!),
        steps,
        (h) => 1e-5 / h + 1e-4,
      )!.value;
      expect(Math.abs(jets[i]! - reference), `jets at t = ${point}`).toBeLessThan(1e-3);
    });
    const worst = Math.max(...ts.map((_, i) => Math.abs(nested[i]! - jets[i]!) / Math.abs(jets[i]!)));
    expect(worst).toBeGreaterThan(0.02);
    t.dispose();
    network.dispose();
  });

  it('nested tf.grad gets y′′ of a softplus mlp right but its weight gradient wrong', () => {
    const network = build('softplus');
    const t = tensor2d(ts, [ts.length, 1]);
    let secondGap = 0;
    tidy(() => {
      const nested = Float32Array.from(nestedSecondDerivative(network, t).dataSync());
      const jets = Float32Array.from(network.jets(t, 2)[2]!.dataSync());
      secondGap = relativeDifference(jets, nested);
    });
    expect(secondGap).toBeLessThan(1e-5);
    const viaJets = jetsGradients(network, t);
    const viaNested = readGradients(network, () => residualLoss(nestedSecondDerivative(network, t), plainValue(network)(t)));
    // The first layer's weights: the nested gradient misses a few percent.
    expect(relativeDifference(viaJets[0]!, viaNested[0]!)).toBeGreaterThan(5e-3);
    // …while the jets' gradient is the numerical one.
    const numerical = numericalGradient(network, t, 0, 3)!;
    const fresh = jetsGradients(network, t);
    expect(Math.abs(fresh[0]![3]! - numerical)).toBeLessThan(2e-3 * Math.max(...fresh[0]!.map(Math.abs)));
    t.dispose();
    network.dispose();
  });
});
