import { add, div, exp, mul, slice, sub, type Tensor, type Tensor2D, tensor2d } from '@tensorflow/tfjs-core';
import { type Float64JetsV1, type JetsWithVjpV1, type NetworkV1, QuadrantError } from '@quadrant/spec';
import { assertJetRequest } from '../jets/assert-jet-request.ts';
import { sumTensors } from '../jets/jet.ts';
import { wrapNetwork } from './wrap-network.ts';

/** Initial conditions a trial solution satisfies exactly. */
export interface ExactInitialConditions {
  /** Where they hold, usually the domain's start. */
  readonly t0: number;
  /**
   * One row per output: `values[j] = [u_j(t0), u_j'(t0), …]`. Its length m_j is how many
   * conditions output j carries (the order of its equation); 0 leaves the output free.
   */
  readonly values: readonly (readonly number[])[];
  /**
   * τ of the factor g(t) = 1 − exp(−(t − t0)/τ), in units of t; without it g(t) = t − t0.
   * g levels off at 1 past a few τ, so there the network's output is the solution itself;
   * t − t0 grows along the domain and makes the network's share of late times ever smaller.
   */
  readonly timescale?: number;
  /**
   * Initial values that vary from point to point (a bundle's, whose initial values are inputs):
   * u_output^(derivative)(t0) is the point's input column `column` (≥ 1), in place of its entry
   * of `values`. Only the float64 path takes them; the tfjs jets then refuse.
   */
  readonly fromInputs?: readonly { readonly output: number; readonly derivative: number; readonly column: number }[];
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const binomial = (n: number, k: number): number => factorial(n) / (factorial(k) * factorial(n - k));

/** An entry of a jet of a quantity of t alone: a [N, 1] column, or a number that is the same on every row. */
type JetEntry = Tensor2D | number;

const scaleEntry = (entry: JetEntry, factor: number): JetEntry =>
  typeof entry === 'number' ? entry * factor : factor === 0 ? 0 : factor === 1 ? entry : mul<Tensor2D>(entry, factor);
const multiplyEntries = (a: JetEntry, b: JetEntry): JetEntry =>
  typeof a === 'number' ? scaleEntry(b, a) : typeof b === 'number' ? scaleEntry(a, b) : mul<Tensor2D>(a, b);
const addEntries = (entries: readonly JetEntry[]): JetEntry => {
  const constant = entries.reduce<number>((total, entry) => (typeof entry === 'number' ? total + entry : total), 0);
  const columns = entries.filter((entry): entry is Tensor2D => typeof entry !== 'number');
  if (columns.length === 0) return constant;
  const total = sumTensors(columns);
  return constant === 0 ? total : add<Tensor2D>(total, constant);
};

/** The jet of g up to `order`: g = 1 − e, g^(k) = −(−1/τ)^k e with e = exp(−s/τ); or g = s, g' = 1 without τ. */
function factorJet(shift: Tensor2D, order: number, timescale: number | undefined): JetEntry[] {
  if (timescale === undefined) return Array.from({ length: order + 1 }, (_, k) => (k === 0 ? shift : k === 1 ? 1 : 0));
  const decay = exp(div<Tensor2D>(shift, -timescale));
  return Array.from({ length: order + 1 }, (_, k) => (k === 0 ? sub<Tensor2D>(1, decay) : mul<Tensor2D>(decay, -((-1 / timescale) ** k))));
}

/** The jet of a product by the Leibniz rule: (ab)^(n) = Σ_k C(n, k) a^(k) b^(n−k). */
function multiplyJets(a: readonly JetEntry[], b: readonly JetEntry[]): JetEntry[] {
  return a.map((_, n) => addEntries(Array.from({ length: n + 1 }, (__, k) => scaleEntry(multiplyEntries(a[k]!, b[n - k]!), binomial(n, k)))));
}

/**
 * A factor of the Leibniz sum: `'one'` for the constant 1 (no multiply), else a tensor that
 * broadcasts against [N, outputs]; a missing factor is zero.
 */
type Factor = Tensor2D | 'one';

/**
 * Wraps a network into the trial solution that meets initial conditions by construction:
 *
 *   y_j(t) = P_j(t) + g(t)^{m_j} · N_j(t),   P_j(t) = Σ_{k<m_j} u_j^(k)(t0) (t − t0)^k / k!,
 *
 * where g(t) = 1 − exp(−(t − t0)/τ) with `timescale` τ, or g(t) = t − t0 without it. g vanishes
 * at t0 with g'(t0) ≠ 0, so g^{m_j} = O((t − t0)^{m_j}) and y_j^(k)(t0) = u_j^(k)(t0) for k < m_j
 * whatever the weights: the soft initial-condition loss is no longer needed. Its jets are exact
 * by the Leibniz rule, with G_m = g^m,
 *
 *   y_j^(n) = P_j^(n) + Σ_{i=0..n} C(n, i) · G_{m_j}^(i) · N_j^(n−i),
 *
 * from the network's own jets (no autodiff), and the network's `jetsWithVjp` fast path, if
 * any, carries over. Variables, shape and jetOrder are the network's; dispose frees it.
 * @throws QuadrantError `SHAPE_MISMATCH` when `values` has not one row per output
 * @throws QuadrantError `CONFIG_INVALID` when t0 or a value is not a finite number
 */
export function withExactInitialConditions(network: NetworkV1, initial: ExactInitialConditions): NetworkV1 {
  const { outputs, inputs } = network.shape;
  const where = `exact initial conditions on ${network.architecture}`;
  if (initial.values.length !== outputs) {
    throw new QuadrantError(
      'SHAPE_MISMATCH',
      `${where}: ${initial.values.length} rows of initial values for ${outputs} outputs; give one row [u(t0), u'(t0), …] per output`,
    );
  }
  if (!Number.isFinite(initial.t0) || initial.values.some((row) => row.some((value) => !Number.isFinite(value)))) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `${where}: t0 and every initial value must be finite numbers (got t0 = ${initial.t0}, values ${JSON.stringify(initial.values)})`,
    );
  }
  const { timescale } = initial;
  if (timescale !== undefined && !(Number.isFinite(timescale) && timescale > 0)) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `${where}: the timescale τ of the factor 1 − exp(−(t − t0)/τ) must be a positive finite number (got ${timescale})`,
    );
  }
  const fromInputs = initial.fromInputs ?? [];
  for (const { output, derivative, column } of fromInputs) {
    if (!(output < outputs && derivative < (initial.values[output]?.length ?? 0) && column >= 1 && column < inputs)) {
      throw new QuadrantError(
        'SHAPE_MISMATCH',
        `${where}: initial value ${derivative} of output ${output} cannot come from input column ${column} (${outputs} outputs, ${inputs} inputs)`,
      );
    }
  }
  const refuseTensorJets = () => {
    if (fromInputs.length === 0) return;
    throw new QuadrantError('JETS_UNSUPPORTED', `${where}: initial values taken from inputs are computed on the float64 path only`);
  };
  const orders = initial.values.map((row) => row.length);
  const highest = Math.max(...orders);
  const distinctOrders = [...new Set(orders)];
  // Coefficients come as [1, outputs] rows, one per distinct exponent or order, zero in the columns it does not concern.
  const row = (entry: (j: number) => number): Float32Array => Float32Array.from({ length: outputs }, (_, j) => entry(j));
  const asTensor = (factor: Factor): Tensor2D =>
    factor === 'one'
      ? tensor2d(
          row(() => 1),
          [1, outputs],
        )
      : factor;

  /** The factors of y^(n): `polynomial` P^(n) (undefined if zero) and `leibniz[i]` multiplying N^(n−i). */
  const factors = (input: Tensor2D, order: number) => {
    // powers[e − 1] = (t − t0)^e for e = 1..max(1, highest − 1): the Taylor polynomials' powers (and t − t0 for g).
    const powers: Tensor2D[] = [];
    if (highest > 0) {
      const shift = sub<Tensor2D>(inputs === 1 ? input : slice(input, [0, 0], [input.shape[0], 1]), initial.t0);
      powers.push(shift);
      for (let e = 2; e < highest; e++) powers.push(mul(powers[e - 2]!, shift));
    }
    // powerJets[m] = [G_m, G_m', …, G_m^(order)] for the orders m the outputs carry.
    const powerJets: JetEntry[][] = [[1, ...new Array<JetEntry>(order).fill(0)]];
    if (highest > 0) {
      const g = factorJet(powers[0]!, order, timescale);
      for (let m = 1; m <= highest; m++) powerJets.push(m === 1 ? g : multiplyJets(powerJets[m - 1]!, g));
    }
    // s^e times a [1, outputs] row; e = 0 is the row alone; a row of ones is no multiply.
    const term = (exponent: number, coefficients: Float32Array): Factor => {
      const ones = coefficients.every((value) => value === 1);
      if (exponent === 0) return ones ? 'one' : tensor2d(coefficients, [1, outputs]);
      const power = powers[exponent - 1]!;
      return ones ? power : mul<Tensor2D>(power, tensor2d(coefficients, [1, outputs]));
    };
    const sumFactors = (parts: Factor[]): Factor | undefined => {
      if (parts.length === 0) return undefined;
      if (parts.length === 1) return parts[0];
      return sumTensors(parts.map(asTensor));
    };
    return Array.from({ length: order + 1 }, (_, n) => {
      const polynomial: Factor[] = [];
      for (let p = 0; p + n < highest; p++) {
        const coefficients = row((j) => (p + n < orders[j]! ? initial.values[j]![p + n]! / factorial(p) : 0));
        if (coefficients.some((value) => value !== 0)) polynomial.push(term(p, coefficients));
      }
      const leibniz = Array.from({ length: n + 1 }, (_, i) =>
        sumFactors(
          distinctOrders.flatMap((m) => {
            const derivative = powerJets[m]![i]!;
            if (derivative === 0) return [];
            const coefficients = row((j) => (orders[j] === m ? binomial(n, i) * (typeof derivative === 'number' ? derivative : 1) : 0));
            const scaled = term(0, coefficients);
            if (typeof derivative === 'number') return [scaled];
            return [scaled === 'one' ? derivative : mul<Tensor2D>(derivative, scaled)];
          }),
        ),
      );
      return { polynomial: sumFactors(polynomial), leibniz };
    });
  };
  /** The same trial solution in float64: y^(n) = P^(n) + Σ_i C(n, i) G_m^(i) N^(n−i), its Jacobian the same sum of N's. */
  const trialJets64 = (inner: Float64JetsV1, t: Float64Array, order: number, size: number, extra: Float64Array | undefined): Float64JetsV1 => {
    const points = t.length;
    const rows = initial.values.map((row) => row.slice());
    const jets = Array.from({ length: order + 1 }, () => new Float64Array(points * outputs));
    const jacobian = inner.jacobian === undefined ? undefined : Array.from({ length: order + 1 }, () => new Float64Array(points * outputs * size));
    const g = new Float64Array(order + 1);
    for (let point = 0; point < points; point++) {
      const shift = t[point]! - initial.t0;
      if (timescale === undefined) {
        g.fill(0);
        g[0] = shift;
        if (order >= 1) g[1] = 1;
      } else {
        const decay = Math.exp(-shift / timescale);
        for (let k = 0; k <= order; k++) g[k] = k === 0 ? 1 - decay : -((-1 / timescale) ** k) * decay;
      }
      // powers[m][i] = (g^m)^(i) by the Leibniz rule, for m up to the highest order.
      const powers: Float64Array[] = [Float64Array.from({ length: order + 1 }, (_, i) => (i === 0 ? 1 : 0))];
      for (let m = 1; m <= highest; m++) {
        const previous = powers[m - 1]!;
        powers.push(
          Float64Array.from({ length: order + 1 }, (_, n) => {
            let total = 0;
            for (let k = 0; k <= n; k++) total += binomial(n, k) * previous[k]! * g[n - k]!;
            return total;
          }),
        );
      }
      for (const { output, derivative, column } of fromInputs) rows[output]![derivative] = extra![point * (inputs - 1) + column - 1]!;
      for (let j = 0; j < outputs; j++) {
        const m = orders[j]!;
        const entry = point * outputs + j;
        for (let n = 0; n <= order; n++) {
          let value = 0;
          for (let p = 0; p + n < m; p++) value += (rows[j]![p + n]! * shift ** p) / factorial(p);
          for (let i = 0; i <= n; i++) {
            const factor = binomial(n, i) * powers[m]![i]!;
            if (factor === 0) continue;
            value += factor * inner.jets[n - i]![entry]!;
            if (jacobian !== undefined) {
              const from = inner.jacobian![n - i]!;
              const to = jacobian[n]!;
              for (let q = 0; q < size; q++) to[entry * size + q] = to[entry * size + q]! + factor * from[entry * size + q]!;
            }
          }
          jets[n]![entry] = value;
        }
      }
    }
    return jacobian === undefined ? { jets } : { jets, jacobian };
  };
  const times = (factor: Factor, value: Tensor2D): Tensor2D => (factor === 'one' ? value : mul(value, factor));
  const combine = (inner: readonly Tensor2D[], order: number, input: Tensor2D) =>
    factors(input, order).map(({ polynomial, leibniz }, n) => {
      const terms = leibniz.flatMap((factor, i) => (factor === undefined ? [] : [times(factor, inner[n - i]!)]));
      if (polynomial !== undefined) terms.push(asTensor(polynomial));
      return { jet: sumTensors(terms), leibniz };
    });

  const jetsWithVjp = network.jetsWithVjp?.bind(network);
  const inner64 = network.float64;
  const transformed: NetworkV1 = {
    ...wrapNetwork(network, (input, order) => {
      refuseTensorJets();
      return combine(network.jets(input, order), order, input).map(({ jet }) => jet);
    }),
    ...(inner64 === undefined
      ? {}
      : {
          float64: {
            ...inner64,
            jets: (parameters, t, order, jacobian, extra) => {
              if (fromInputs.length > 0 && extra?.length !== t.length * (inputs - 1)) {
                throw new QuadrantError('SHAPE_MISMATCH', `${where}: ${t.length} points need ${t.length * (inputs - 1)} further input values`);
              }
              return trialJets64(inner64.jets(parameters, t, order, jacobian, extra), t, order, inner64.size, extra);
            },
          },
        }),
  };
  if (jetsWithVjp === undefined) return transformed;
  return {
    ...transformed,
    // The transform is linear in N's jets, so the cotangent of N^(q) is Σ_{n≥q} F_{n, n−q} ⊙ ȳ_n.
    jetsWithVjp(input, order): JetsWithVjpV1 {
      refuseTensorJets();
      assertJetRequest(network.architecture, input, order, network.jetOrder, inputs);
      const inner = jetsWithVjp(input, order);
      const combined = combine(inner.jets, order, input);
      return {
        jets: combined.map(({ jet }) => jet),
        vjp(cotangents): Tensor[] {
          const innerCotangents = Array.from({ length: order + 1 }, (_, q) => {
            const terms: Tensor2D[] = [];
            for (let n = q; n <= order; n++) {
              const factor = combined[n]!.leibniz[n - q];
              const cotangent = cotangents[n];
              if (factor !== undefined && cotangent !== undefined) terms.push(times(factor, cotangent));
            }
            return terms.length === 0 ? undefined : sumTensors(terms);
          });
          return inner.vjp(innerCotangents);
        },
      };
    },
  };
}
