import type { Float64JetsV1 } from '@quadrant/spec';
import type { Activation } from '../activations/activation.ts';

/** σ, σ', …, σ^(order) at x into `out[0..order]`: an activation's `float64` member. */
export type Float64Derivatives = NonNullable<Activation['float64']>;

/**
 * Float64 jets of an MLP and their Jacobian for the parameters given in each call: the
 * signature of `Float64PathV1.jets` without its request checks.
 */
export type MlpFloat64Jets = (parameters: Float64Array, t: Float64Array, order: number, jacobian: boolean) => Float64JetsV1;

/** Highest jet order the kernel writes out (Faà di Bruno's formula up to a''''). */
export const mlpFloat64MaxOrder = 4;

// a^(n) for n ≤ order from the jet z of a unit, Faà di Bruno's formula written out:
//   a = s0, a' = s1 z1, a'' = s1 z2 + s2 z1², a''' = s1 z3 + 3 s2 z1 z2 + s3 z1³,
//   a'''' = s1 z4 + s2 (4 z1 z3 + 3 z2²) + 6 s3 z1² z2 + s4 z1⁴,
// with s_m = sigma[shift + m]: shift 0 gives the jet of σ(z), shift 1 the jet of σ'(z).
// Writes out[offset + n·stride].
function composeJet(
  out: Float64Array,
  offset: number,
  stride: number,
  sigma: Float64Array,
  shift: number,
  z1: number,
  z2: number,
  z3: number,
  z4: number,
  order: number,
): void {
  out[offset] = sigma[shift]!;
  if (order < 1) return;
  const s1 = sigma[shift + 1]!;
  out[offset + stride] = s1 * z1;
  if (order < 2) return;
  const s2 = sigma[shift + 2]!;
  const z1Squared = z1 * z1;
  out[offset + 2 * stride] = s1 * z2 + s2 * z1Squared;
  if (order < 3) return;
  const s3 = sigma[shift + 3]!;
  out[offset + 3 * stride] = s1 * z3 + 3 * s2 * z1 * z2 + s3 * z1Squared * z1;
  if (order < 4) return;
  const s4 = sigma[shift + 4]!;
  out[offset + 4 * stride] = s1 * z4 + s2 * (4 * z1 * z3 + 3 * z2 * z2) + 6 * s3 * z1Squared * z2 + s4 * z1Squared * z1Squared;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const binomial = (n: number, k: number): number => factorial(n) / (factorial(k) * factorial(n - k));

/**
 * Float64 jets, and on request their Jacobian, of an MLP 1 → widths[1] → … → widths[L] in t,
 * with σ after every layer but the last and the parameters flattened as its variables are
 * (per layer the weight [fanIn, fanOut] row-major, then the bias). The jets are Taylor-mode
 * forward propagation, as the tfjs path computes them: z^(k) = h^(k)·W (+ b for k = 0),
 * a = σ(z) by Faà di Bruno, one point at a time.
 *
 * The Jacobian is one reverse pass per point and output, seeded at the highest order K only.
 * In Taylor coefficients (x_[k] = x^(k)/k!) a dense layer acts on each order alone and the
 * linearisation of σ(z(t)) multiplies δz(t) by the series σ'(z(t)), so ∂y_[k]/∂z_[m] depends
 * on k − m alone; in derivatives that reads
 *
 *   ∂y^(k)/∂z^(m) = k!·(K − k + m)! / (m!·K!) · ∂y^(K)/∂z^(K−k+m),
 *
 * and the reverse pass from y^(K) gives the sensitivity of every order to every layer. Through
 * σ the pass uses ∂a^(n)/∂z^(p) = C(n, p)·g^(n−p), g the jet of σ'(z) (σ's derivatives up to
 * K + 1); through a dense layer z̄ ↦ W·z̄. A layer's block of a Jacobian row is then a sum of
 * outer products, ∂y^(k)/∂W = Σ_{m ≤ k} h^(m) ⊗ ∂y^(k)/∂z^(m), and ∂y^(k)/∂b = ∂y^(k)/∂z^(0).
 *
 * Work per call is O(N·outputs·(K + 1)·size) for the Jacobian (its size) and
 * O(N·(K + 1)·size) for the jets. The scratch space is allocated once here, so the function
 * returned is not re-entrant (nothing it calls calls back into it).
 * @param widths - [1, …hidden, outputs]: one input column, t
 * @param derivatives - σ…σ^(maxOrder + 1) (one more than the jets need, for the Jacobian)
 * @param maxOrder - highest order a call may ask for, at most `mlpFloat64MaxOrder`
 */
export function mlpFloat64Jets(widths: readonly number[], derivatives: Float64Derivatives, maxOrder: number): MlpFloat64Jets {
  const layers = widths.length - 1;
  const outputs = widths[layers]!;
  const weightOffsets: number[] = [];
  const biasOffsets: number[] = [];
  let size = 0;
  for (let l = 0; l < layers; l++) {
    weightOffsets.push(size);
    size += widths[l]! * widths[l + 1]!;
    biasOffsets.push(size);
    size += widths[l + 1]!;
  }
  const orders = maxOrder + 1;
  const widest = Math.max(...widths);
  // Per point: the input jet h of every layer, the jet z of every layer's output, the jet g of
  // σ'(z) of every hidden layer, and the sensitivities ∂y^(K)/∂z^(q) of every layer.
  const h = widths.slice(0, layers).map((width) => new Float64Array(orders * width));
  const z = widths.slice(1).map((width) => new Float64Array(orders * width));
  const g = widths.slice(1, layers).map((width) => new Float64Array(orders * width));
  const zBar = widths.slice(1).map((width) => new Float64Array(orders * width));
  const hBar = new Float64Array(orders * widest);
  const scaled = new Float64Array(orders * widest);
  const sigma = new Float64Array(orders + 1);
  // coefficients[(K·orders + k)·orders + m] = k!·(K − k + m)! / (m!·K!) for m ≤ k ≤ K, and
  // binomials[n·orders + p] = C(n, p) for the pass through σ.
  const coefficients = new Float64Array(orders * orders * orders);
  const binomials = new Float64Array(orders * orders);
  for (let highest = 0; highest < orders; highest++) {
    for (let k = 0; k <= highest; k++) {
      binomials[highest * orders + k] = binomial(highest, k);
      for (let m = 0; m <= k; m++)
        coefficients[(highest * orders + k) * orders + m] = (factorial(k) * factorial(highest - k + m)) / (factorial(m) * factorial(highest));
    }
  }

  // Weights transposed per call ([fanOut, fanIn]), so z^(k) = h^(k)·W is dot products along
  // contiguous rows; orders go in pairs that share each weight load: twice as fast in V8 as
  // accumulating rows of W.
  const transposed = widths.slice(0, layers).map((width, l) => new Float64Array(width * widths[l + 1]!));
  const transpose = (parameters: Float64Array): void => {
    for (let l = 0; l < layers; l++) {
      const fanIn = widths[l]!;
      const fanOut = widths[l + 1]!;
      const weights = weightOffsets[l]!;
      const into = transposed[l]!;
      for (let a = 0; a < fanIn; a++) for (let b = 0; b < fanOut; b++) into[b * fanIn + a] = parameters[weights + a * fanOut + b]!;
    }
  };

  const forward = (parameters: Float64Array, t: number, order: number, withSlopes: boolean): void => {
    const input = h[0]!;
    input.fill(0);
    input[0] = t;
    if (order >= 1) input[widths[0]!] = 1;
    for (let l = 0; l < layers; l++) {
      const fanIn = widths[l]!;
      const fanOut = widths[l + 1]!;
      const inJet = h[l]!;
      const outJet = z[l]!;
      const weights = transposed[l]!;
      const bias = biasOffsets[l]!;
      for (let k = 0; k <= order; k += 2) {
        const first = k * fanIn;
        const second = first + fanIn;
        const paired = k < order;
        for (let b = 0; b < fanOut; b++) {
          const column = b * fanIn;
          let total = k === 0 ? parameters[bias + b]! : 0;
          if (paired) {
            let next = 0;
            for (let a = 0; a < fanIn; a++) {
              const weight = weights[column + a]!;
              total += inJet[first + a]! * weight;
              next += inJet[second + a]! * weight;
            }
            outJet[(k + 1) * fanOut + b] = next;
          } else {
            for (let a = 0; a < fanIn; a++) total += inJet[first + a]! * weights[column + a]!;
          }
          outJet[k * fanOut + b] = total;
        }
      }
      if (l === layers - 1) break;
      const next = h[l + 1]!;
      const slopes = g[l]!;
      for (let u = 0; u < fanOut; u++) {
        derivatives(outJet[u]!, sigma, withSlopes ? order + 1 : order);
        const z1 = order >= 1 ? outJet[fanOut + u]! : 0;
        const z2 = order >= 2 ? outJet[2 * fanOut + u]! : 0;
        const z3 = order >= 3 ? outJet[3 * fanOut + u]! : 0;
        const z4 = order >= 4 ? outJet[4 * fanOut + u]! : 0;
        composeJet(next, u, fanOut, sigma, 0, z1, z2, z3, z4, order);
        if (withSlopes) composeJet(slopes, u, fanOut, sigma, 1, z1, z2, z3, z4, order);
      }
    }
  };

  // ∂y_j^(K)/∂z^(q) of every layer into zBar, from the output back.
  const backward = (parameters: Float64Array, j: number, order: number): void => {
    const last = zBar[layers - 1]!;
    last.fill(0);
    last[order * outputs + j] = 1;
    for (let l = layers - 1; l >= 1; l--) {
      const fanIn = widths[l]!;
      const fanOut = widths[l + 1]!;
      const outBar = zBar[l]!;
      const weights = weightOffsets[l]!;
      // At the output only order K is seeded; one layer down every order is.
      const lowest = l === layers - 1 ? order : 0;
      hBar.fill(0, 0, lowest * fanIn);
      // h̄^(q) = W·z̄^(q), orders in pairs as in the forward pass.
      for (let q = lowest; q <= order; q += 2) {
        const first = q * fanOut;
        const second = first + fanOut;
        const paired = q < order;
        for (let a = 0; a < fanIn; a++) {
          const row = weights + a * fanOut;
          let total = 0;
          if (paired) {
            let next = 0;
            for (let b = 0; b < fanOut; b++) {
              const weight = parameters[row + b]!;
              total += weight * outBar[first + b]!;
              next += weight * outBar[second + b]!;
            }
            hBar[(q + 1) * fanIn + a] = next;
          } else {
            for (let b = 0; b < fanOut; b++) total += parameters[row + b]! * outBar[first + b]!;
          }
          hBar[q * fanIn + a] = total;
        }
      }
      // z̄^(p) = Σ_{n=p..K} C(n, p)·g^(n−p) ⊙ h̄^(n)
      const slopes = g[l - 1]!;
      const inBar = zBar[l - 1]!;
      inBar.fill(0, 0, (order + 1) * fanIn);
      for (let p = 0; p <= order; p++) {
        for (let n = Math.max(p, lowest); n <= order; n++) {
          const coefficient = binomials[n * orders + p]!;
          const slope = (n - p) * fanIn;
          const cotangent = n * fanIn;
          const into = p * fanIn;
          for (let a = 0; a < fanIn; a++) inBar[into + a] = inBar[into + a]! + coefficient * slopes[slope + a]! * hBar[cotangent + a]!;
        }
      }
    }
  };

  // Row (point, j) of every order's Jacobian from the sensitivities in zBar and the input jets
  // in h: each weight block row a is Σ_m h^(m)[a]·∂y^(k)/∂z^(m), two orders per pass.
  const assemble = (jacobian: readonly Float64Array[], entry: number, order: number): void => {
    const base = entry * size;
    for (let k = 0; k <= order; k++) {
      const row = jacobian[k]!;
      for (let l = 0; l < layers; l++) {
        const fanIn = widths[l]!;
        const fanOut = widths[l + 1]!;
        const sensitivity = zBar[l]!;
        const inJet = h[l]!;
        // scaled[m] = ∂y^(k)/∂z^(m) for m ≤ k
        for (let m = 0; m <= k; m++) {
          const factor = coefficients[(order * orders + k) * orders + m]!;
          const from = (order - k + m) * fanOut;
          const into = m * fanOut;
          for (let b = 0; b < fanOut; b++) scaled[into + b] = factor * sensitivity[from + b]!;
        }
        const bias = base + biasOffsets[l]!;
        for (let b = 0; b < fanOut; b++) row[bias + b] = scaled[b]!;
        const weights = base + weightOffsets[l]!;
        for (let a = 0; a < fanIn; a++) {
          const weightRow = weights + a * fanOut;
          const value = inJet[a]!;
          if (k === 0) {
            for (let b = 0; b < fanOut; b++) row[weightRow + b] = value * scaled[b]!;
            continue;
          }
          const slope = inJet[fanIn + a]!;
          for (let b = 0; b < fanOut; b++) row[weightRow + b] = value * scaled[b]! + slope * scaled[fanOut + b]!;
          for (let m = 2; m <= k; m += 2) {
            const first = inJet[m * fanIn + a]!;
            const from = m * fanOut;
            if (m < k) {
              const second = inJet[(m + 1) * fanIn + a]!;
              for (let b = 0; b < fanOut; b++) row[weightRow + b] = row[weightRow + b]! + first * scaled[from + b]! + second * scaled[from + fanOut + b]!;
            } else {
              for (let b = 0; b < fanOut; b++) row[weightRow + b] = row[weightRow + b]! + first * scaled[from + b]!;
            }
          }
        }
      }
    }
  };

  return (parameters, t, order, withJacobian) => {
    const points = t.length;
    const jets = Array.from({ length: order + 1 }, () => new Float64Array(points * outputs));
    const jacobian = withJacobian ? Array.from({ length: order + 1 }, () => new Float64Array(points * outputs * size)) : undefined;
    const output = z[layers - 1]!;
    transpose(parameters);
    for (let i = 0; i < points; i++) {
      forward(parameters, t[i]!, order, withJacobian);
      for (let k = 0; k <= order; k++) jets[k]!.set(output.subarray(k * outputs, (k + 1) * outputs), i * outputs);
      if (jacobian === undefined) continue;
      for (let j = 0; j < outputs; j++) {
        backward(parameters, j, order);
        assemble(jacobian, i * outputs + j, order);
      }
    }
    return jacobian === undefined ? { jets } : { jets, jacobian };
  };
}
