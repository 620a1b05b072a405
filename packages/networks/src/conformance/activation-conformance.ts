import { add, grad, grads, memory, mul, sum, type Tensor, type Tensor2D, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { type ActivationV1, type ConformanceCheck, seededRandom } from '@quadrant/spec';
import { activateJet } from '../jets/activate-jet.ts';
import { activateJetVjp } from '../jets/activate-jet-vjp.ts';
import type { Jet } from '../jets/jet.ts';

/** Where to check an activation and how strictly. */
export interface ActivationConformanceSettings {
  /**
   * Points z to check at (default −3.75, −3.25, …, 3.75: a grid of 1/4 that misses 0, where a
   * kink such as leaky ReLU's would be). Keep them away from kinks: no derivative exists there.
   */
  readonly points?: readonly number[];
  /** Multiplies every tolerance (default 1); raise it only for an activation that is numerically rough. */
  readonly tolerance?: number;
}

/** Highest jet order the built-in architectures ask of an activation. */
const jetOrder = 4;
// float32 unit roundoff: derivatives compute in float32.
const epsilon = 2 ** -23;
// Rounding allowed between two float32 computations of one quantity, in units of epsilon times its scale.
const roundingUlps = 64;
// float64 step of the differences of the float64 derivatives: a power of two, so z ± jh is exact.
const float64Step = 2 ** -10;

const fail = (activation: ActivationV1, what: string): never => {
  throw new Error(`${activation.name}: ${what}`);
};

const scaleOf = (values: ArrayLike<number>): number => {
  let largest = 1;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]!));
  return largest;
};

const format = (value: number): string => value.toPrecision(6);

/** The tensor derivatives σ…σ^(order) at `points`, as numbers; zeros where an entry is `undefined`. */
function tensorDerivatives(activation: ActivationV1, points: readonly number[], order: number): number[][] {
  return tidy(() =>
    activation
      .derivatives(tensor2d([...points], [points.length, 1]), order)
      .map((entry) => (entry === undefined ? points.map(() => 0) : Array.from(entry.dataSync()))),
  );
}

/** Compares two lists of numbers entry by entry within `allowed(scale)`, naming the first that differs. */
function expectClose(
  activation: ActivationV1,
  what: string,
  points: readonly number[],
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  allowed: (scale: number) => number,
): void {
  const limit = allowed(scaleOf(expected));
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    if (!(error <= limit)) {
      fail(
        activation,
        `${what} at z = ${points[i % points.length]}: ${format(actual[i]!)}, expected ${format(expected[i]!)} (error ${format(error)} > ${format(limit)})`,
      );
    }
  }
}

/** Shape: order + 1 entries shaped like z, finite, and the value does not depend on the order asked. */
function shapeCheck(activation: ActivationV1, points: readonly number[]): ConformanceCheck {
  return {
    name: `${activation.name}: declares spec v1 and a maxOrder; derivatives(z, order) gives order + 1 finite entries shaped like z, whatever the order asked`,
    async run() {
      if (activation.specVersion !== 'v1')
        fail(activation, `specVersion is ${JSON.stringify(activation.specVersion)}, expected 'v1' (build it with defineActivation)`);
      if (!Number.isInteger(activation.maxOrder) || activation.maxOrder < 0) fail(activation, `maxOrder is ${activation.maxOrder}, expected an integer ≥ 0`);
      tidy(() => {
        const z = tensor2d([...points, ...points], [2, points.length]);
        let first: Float32Array | undefined;
        for (let order = 0; order <= activation.maxOrder; order++) {
          const entries = activation.derivatives(z, order);
          if (entries.length !== order + 1) fail(activation, `derivatives(z, ${order}) gave ${entries.length} entries, expected ${order + 1}`);
          if (entries[0] === undefined) fail(activation, `derivatives(z, ${order})[0], the value, is undefined`);
          entries.forEach((entry, k) => {
            if (entry === undefined) return;
            if (entry.shape[0] !== 2 || entry.shape[1] !== points.length)
              fail(activation, `σ^(${k}) has shape [${entry.shape}], expected [2, ${points.length}] like z`);
            if (!entry.dataSync().every(Number.isFinite)) fail(activation, `σ^(${k}) is not finite at every point`);
          });
          const value = entries[0]!.dataSync() as Float32Array;
          first ??= value;
          if (!value.every((v, i) => v === first![i])) fail(activation, `the value from derivatives(z, ${order}) differs from derivatives(z, 0)`);
        }
      });
    },
  };
}

/** Jets: σ^(k) is the autodiff derivative of σ^(k−1), for the orders jets use. */
function jetsCheck(activation: ActivationV1, points: readonly number[], tolerance: number): ConformanceCheck {
  const top = Math.min(activation.maxOrder, jetOrder);
  return {
    name: `${activation.name}: for the jets, σ^(k) is the tfjs autodiff derivative of σ^(k−1), k = 1..${top}`,
    async run() {
      const z = tensor2d([...points], [points.length, 1]);
      try {
        const expected = tensorDerivatives(activation, points, top);
        for (let k = 1; k <= top; k++) {
          const derivative = tidy(() => Array.from(grad((x: Tensor) => sum(activation.derivatives(x as Tensor2D, k - 1)[k - 1] ?? mul(x, 0)))(z).dataSync()));
          expectClose(activation, `σ^(${k})`, points, expected[k]!, derivative, (scale) => tolerance * roundingUlps * epsilon * scale);
        }
      } finally {
        z.dispose();
      }
    },
  };
}

/** A jet of z at the points with every order present: random, seeded, each [N, 1]. */
function sampleJet(points: readonly number[], order: number, seed: number): Jet {
  const random = seededRandom(seed);
  return Array.from({ length: order + 1 }, (_, k) => tensor2d(k === 0 ? [...points] : points.map(() => random.normal()), [points.length, 1]));
}

/** Backward: the hand-written vector–Jacobian product of the jets, with σ^(n+1), matches autodiff. */
function backwardCheck(activation: ActivationV1, points: readonly number[], tolerance: number): ConformanceCheck {
  const top = Math.min(activation.maxOrder - 1, jetOrder);
  return {
    name: `${activation.name}: the hand-written backward of jets of orders 1..${Math.max(top, 1)} (σ up to σ^(order + 1)) matches tfjs autodiff${top < 1 ? ' (maxOrder < 2: no fast path, nothing to check)' : ''}`,
    async run() {
      for (let order = 1; order <= top; order++) {
        tidy(() => {
          const z = sampleJet(points, order, 17 + order) as Tensor2D[];
          const cotangent = sampleJet(points, order, 71 + order).map((entry, k) => (k === 0 ? mul<Tensor2D>(entry!, 0.5) : entry)) as Tensor2D[];
          const expected = grads((...entries: Tensor[]) => {
            const jet = activateJet(entries as Tensor2D[], activation);
            return jet.reduce<Tensor>(
              (total, entry, k) => (entry === undefined ? total : add(total, sum(mul(entry, cotangent[k]!)))),
              sum(mul(entries[0]!, 0)),
            );
          })(z);
          const actual = activateJetVjp(z, activation.derivatives(z[0]!, order + 1), cotangent);
          expected.forEach((entry, k) => {
            const wanted = entry.dataSync();
            const got = actual[k]?.dataSync() ?? new Float32Array(wanted.length);
            expectClose(
              activation,
              `backward of order ${order}: cotangent of z^(${k})`,
              points,
              got,
              wanted,
              (scale) => tolerance * roundingUlps * 4 * epsilon * scale,
            );
          });
        });
      }
    },
  };
}

/** float64: the same derivatives as the tensors, written to out[0..order] only. */
function float64Check(activation: ActivationV1, points: readonly number[], tolerance: number): ConformanceCheck {
  return {
    name: `${activation.name}: float64 derivatives, when given, equal the tensor derivatives to float32 rounding, k = 0..${activation.maxOrder}, and write out[0..order] only`,
    async run() {
      const float64 = activation.float64;
      if (float64 === undefined) return;
      const tensors = tensorDerivatives(activation, points, activation.maxOrder);
      const out = new Float64Array(activation.maxOrder + 2);
      for (let k = 0; k <= activation.maxOrder; k++) {
        const values = points.map((point) => {
          float64(point, out, activation.maxOrder);
          return out[k]!;
        });
        expectClose(activation, `float64 σ^(${k})`, points, values, tensors[k]!, (scale) => tolerance * 32 * epsilon * scale);
      }
      for (let order = 0; order <= activation.maxOrder; order++) {
        out.fill(Number.NaN);
        float64(points[0]!, out, order);
        if (!out.subarray(order + 1).every(Number.isNaN)) fail(activation, `float64(x, out, ${order}) wrote beyond out[${order}]`);
        if (!out.subarray(0, order + 1).every(Number.isFinite)) fail(activation, `float64(x, out, ${order}) left out[0..${order}] unwritten or not finite`);
      }
    },
  };
}

/** float64 consistency: float64 σ^(k) is the derivative of float64 σ^(k−1), by central differences in float64. */
function float64DifferencesCheck(activation: ActivationV1, points: readonly number[], tolerance: number): ConformanceCheck {
  return {
    name: `${activation.name}: float64 σ^(k), when given, is the derivative of float64 σ^(k−1) (central differences in float64), k = 1..${activation.maxOrder}`,
    async run() {
      const float64 = activation.float64;
      if (float64 === undefined) return;
      const order = activation.maxOrder;
      const at = (x: number): Float64Array => {
        const out = new Float64Array(order + 1);
        float64(x, out, order);
        return out;
      };
      const h = float64Step;
      for (const point of points) {
        const [centre, minus2, minus1, plus1, plus2] = [point, point - 2 * h, point - h, point + h, point + 2 * h].map(at);
        for (let k = 1; k <= order; k++) {
          // (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h, error O(h⁴).
          const difference = (minus2![k - 1]! - 8 * minus1![k - 1]! + 8 * plus1![k - 1]! - plus2![k - 1]!) / (12 * h);
          const error = Math.abs(centre![k]! - difference);
          if (!(error <= tolerance * 1e-8 * (1 + Math.abs(difference)))) {
            fail(activation, `float64 σ^(${k}) at z = ${point} is ${format(centre![k]!)}, differences of σ^(${k - 1}) give ${format(difference)}`);
          }
        }
      }
    },
  };
}

/** No leak: derivatives, jets and the backward inside tidy keep the tensor count flat. */
function leakCheck(activation: ActivationV1, points: readonly number[]): ConformanceCheck {
  return {
    name: `${activation.name}: no tensor leaks: derivatives, jets and the backward inside tidy keep the tensor count flat`,
    async run() {
      const before = memory().numTensors;
      tidy(() => {
        const order = Math.min(activation.maxOrder, jetOrder);
        const z = sampleJet(points, order, 5);
        activateJet(z, activation);
        if (activation.maxOrder > order) activateJetVjp(z, activation.derivatives(z[0]!, order + 1), z);
      });
      const after = memory().numTensors;
      if (after !== before) fail(activation, `${after - before} tensors outlived the tidy they were made in (keep nothing; return what you make)`);
    },
  };
}

/**
 * The conformance kit for activations: named checks, each a plain async function that throws
 * on failure. A plugin's activation runs the same checks the built-ins pass:
 *
 * ```ts
 * for (const check of activationConformance(gaussian)) it(check.name, check.run);
 * ```
 *
 * The checks: shapes and entry counts of `derivatives`; σ^(k) against tfjs autodiff of σ^(k−1)
 * for the orders jets use (≤ 4); the hand-written backward of the jets (`activateJetVjp`, which
 * takes σ^(order+1)) against tfjs autodiff through the jets; the float64 derivatives, when
 * given, against the tensor ones and against central differences of themselves; no tensor
 * leaks. Gradients are tfjs's, so they must be registered (import `@tensorflow/tfjs`, or a
 * backend with its gradients, before running the checks). A failure's message names the
 * activation, the derivative and the point.
 */
export function activationConformance(activation: ActivationV1, settings: ActivationConformanceSettings = {}): ConformanceCheck[] {
  const points = settings.points ?? Array.from({ length: 16 }, (_, i) => -3.75 + i / 2);
  const tolerance = settings.tolerance ?? 1;
  return [
    shapeCheck(activation, points),
    jetsCheck(activation, points, tolerance),
    backwardCheck(activation, points, tolerance),
    float64Check(activation, points, tolerance),
    float64DifferencesCheck(activation, points, tolerance),
    leakCheck(activation, points),
  ];
}
