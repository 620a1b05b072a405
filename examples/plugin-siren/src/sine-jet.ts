import { add, cos, matMul, mul, sin, type Tensor1D, type Tensor2D } from '@tensorflow/tfjs-core';

/**
 * A truncated Taylor jet in the input column t: entry k is d^k/dt^k of a quantity, [N, width], or
 * [1, width] when it is the same on every row (the first layer's slope). `undefined` marks an
 * order that is identically zero, so its terms are never computed. Entry 0 is always present.
 */
export type Jet = (Tensor2D | undefined)[];

// a·W, as a broadcast multiply when the inner dimension is 1: a matMul of inner dimension 1 has
// given a stray NaN on the wasm backend, and the multiply is cheaper anyway.
const product = (a: Tensor2D, weight: Tensor2D): Tensor2D => (a.shape[1] === 1 ? mul(a, weight) : matMul(a, weight));

/**
 * The jet of z = h·W + b: z^(k) = h^(k)·W for every order, plus b on the value only, since b
 * does not depend on t.
 */
export function denseJet(h: Jet, weight: Tensor2D, bias: Tensor1D): Jet {
  const z = h.map((block) => (block === undefined ? undefined : product(block, weight)));
  z[0] = add<Tensor2D>(z[0]!, bias);
  return z;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** Σ coefficient_k · a_k · b_k over the pairs where both factors are present; `undefined` when none is. */
function sumOfProducts(terms: readonly { coefficient: number; a: Tensor2D | undefined; b: Tensor2D | undefined }[]): Tensor2D | undefined {
  let total: Tensor2D | undefined;
  for (const { coefficient, a, b } of terms) {
    if (a === undefined || b === undefined) continue;
    const term = coefficient === 1 ? mul<Tensor2D>(a, b) : mul<Tensor2D>(mul(a, b), coefficient);
    total = total === undefined ? term : add<Tensor2D>(total, term);
  }
  return total;
}

/**
 * The jet of sin(z) from the jet of z, to any order. With S_n and C_n the n-th derivatives of
 * sin z and cos z, e^{iz} = C_0 + i·S_0 satisfies (e^{iz})' = i·z'·e^{iz}, and Leibniz's rule on
 * that product gives, for n ≥ 1,
 *
 *   S_n =  Σ_{k=0}^{n−1} C(n−1, k) · z^(k+1) · C_{n−1−k}
 *   C_n = −Σ_{k=0}^{n−1} C(n−1, k) · z^(k+1) · S_{n−1−k}
 *
 * so S_1 = z'·cos z, S_2 = z''·cos z − z'²·sin z, and on the first layer (z'' = 0) the familiar
 * cycle sin, cos, −sin, −cos times powers of z'. Every step is a product or a sum of ordinary
 * tensor ops, so one reverse pass through the jet gives exact weight gradients.
 */
export function sineJet(z: Jet): Jet {
  const order = z.length - 1;
  const sines: Jet = [sin(z[0]!)];
  const cosines: Jet = [cos(z[0]!)];
  for (let n = 1; n <= order; n++) {
    const terms = (from: Jet) => Array.from({ length: n }, (_, k) => ({ coefficient: binomial(n - 1, k), a: z[k + 1], b: from[n - 1 - k] }));
    sines.push(sumOfProducts(terms(cosines)));
    // The last cosine derivative would feed only an order beyond the jet's.
    if (n < order) {
      const negative = sumOfProducts(terms(sines));
      cosines.push(negative === undefined ? undefined : mul<Tensor2D>(negative, -1));
    }
  }
  return sines;
}
