import { mul, type Tensor2D } from '@tensorflow/tfjs-core';
import type { Activation } from '../activations/activation.ts';
import { type Jet, sumTensors } from './jet.ts';

/** One term of Faà di Bruno's formula for a^(n): coefficient · σ^(parts.length)(z) · Π_j z^(parts_j). */
export interface FaaDiBrunoTerm {
  /** The derivative orders multiplied together (a partition of n), non-increasing. */
  readonly parts: readonly number[];
  /** n! / Π_j (m_j! · (j!)^{m_j}), m_j the multiplicity of part j. */
  readonly coefficient: number;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

function partitions(n: number, largest: number): number[][] {
  if (n === 0) return [[]];
  const result: number[][] = [];
  for (let first = Math.min(n, largest); first >= 1; first--) {
    for (const rest of partitions(n - first, first)) result.push([first, ...rest]);
  }
  return result;
}

const termsByOrder = new Map<number, readonly FaaDiBrunoTerm[]>();

/** The Faà di Bruno terms of order n, one per partition of n (computed once per n). */
export function faaDiBrunoTerms(n: number): readonly FaaDiBrunoTerm[] {
  let terms = termsByOrder.get(n);
  if (terms === undefined) {
    terms = partitions(n, n).map((parts) => {
      const multiplicity = new Map<number, number>();
      for (const part of parts) multiplicity.set(part, (multiplicity.get(part) ?? 0) + 1);
      let denominator = 1;
      for (const [part, count] of multiplicity) denominator *= factorial(count) * factorial(part) ** count;
      return { parts, coefficient: factorial(n) / denominator };
    });
    termsByOrder.set(n, terms);
  }
  return terms;
}

/**
 * The jet of a = σ(z) from the jet of z, by Faà di Bruno's formula
 *
 *   a^(n) = Σ_{k=1..n} σ^(k)(z) · B_{n,k}(z', z'', …, z^(n−k+1)),
 *   B_{n,k} = Σ over partitions of n into k parts j with multiplicities m_j of
 *             n! / Π_j (m_j! (j!)^{m_j}) · Π_j (z^(j))^{m_j},
 *
 * which for the first orders reads
 *
 *   a'    = σ' z'
 *   a''   = σ' z'' + σ'' z'²
 *   a'''  = σ' z''' + 3σ'' z' z'' + σ''' z'³
 *   a'''' = σ' z'''' + σ''(4 z' z''' + 3 z''²) + 6σ''' z'² z'' + σ'''' z'⁴.
 *
 * Every product is an ordinary tensor op, so the weights' gradient is one reverse pass.
 * Zero entries of either jet (`undefined`) drop their terms: the first layer has z'' = 0,
 * leaky ReLU has σ'' = 0. Products of z's derivatives are shared between terms.
 */
export function activateJet(z: Jet, activation: Activation): Jet {
  return activateJetWith(z, activation.derivatives(z[0]!, z.length - 1));
}

/**
 * Products Π_j z^(parts_j) of a jet's orders, memoised (so terms and their derivatives share
 * them); `undefined` when a factor is identically zero.
 * @param parts - non-increasing orders ≥ 1, as in a Faà di Bruno term
 */
export function jetMonomials(z: Jet): (parts: readonly number[]) => Tensor2D | undefined {
  const monomials = new Map<string, Tensor2D | undefined>();
  const monomial = (parts: readonly number[]): Tensor2D | undefined => {
    const key = parts.join(',');
    if (monomials.has(key)) return monomials.get(key);
    const last = z[parts[parts.length - 1]!];
    let product: Tensor2D | undefined;
    if (last !== undefined) {
      if (parts.length === 1) product = last;
      else {
        const rest = monomial(parts.slice(0, -1));
        product = rest === undefined ? undefined : mul<Tensor2D>(rest, last);
      }
    }
    monomials.set(key, product);
    return product;
  };
  return monomial;
}

/**
 * `activateJet` with σ, σ', … already evaluated at z (a longer list is fine: the hand-written
 * backward asks for one derivative more and shares the forward's).
 */
export function activateJetWith(z: Jet, sigma: readonly (Tensor2D | undefined)[]): Jet {
  const order = z.length - 1;
  const monomial = jetMonomials(z);
  const result: Jet = [sigma[0]];
  for (let n = 1; n <= order; n++) {
    const bell = new Map<number, Tensor2D[]>();
    for (const { parts, coefficient } of faaDiBrunoTerms(n)) {
      if (sigma[parts.length] === undefined) continue;
      const product = monomial(parts);
      if (product === undefined) continue;
      const terms = bell.get(parts.length) ?? [];
      terms.push(coefficient === 1 ? product : mul(product, coefficient));
      bell.set(parts.length, terms);
    }
    const products = [...bell].map(([k, terms]) => mul<Tensor2D>(sigma[k]!, sumTensors(terms)));
    result.push(products.length === 0 ? undefined : sumTensors(products));
  }
  return result;
}
