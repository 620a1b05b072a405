import { mul, type Tensor2D } from '@tensorflow/tfjs-core';
import { faaDiBrunoTerms, jetMonomials } from './activate-jet.ts';
import { type Jet, sumTensors } from './jet.ts';

/**
 * The vector–Jacobian product of `activateJet`: from the cotangent ā of a = σ(z)'s jet, the
 * cotangent z̄ of z's jet. Each Faà di Bruno term c·σ^(k)(z)·Π_j z^(parts_j) of a^(n) sends
 *
 *   to z̄:      ā_n · c · σ^(k+1)(z) · Π_j z^(parts_j)          (σ^(k) depends on the value z),
 *   to z̄^(j):  ā_n · c · m_j · σ^(k) · Π z^(parts without one j)   (m_j the multiplicity of j),
 *
 * so for order 1: z̄ = σ'ā + σ''z'ā', z̄' = σ'ā'. Terms are grouped by the σ^(k) they multiply,
 * so each σ^(k) costs one multiply. Orders of z that are identically zero (`undefined`) get no
 * cotangent: nothing trainable reaches them.
 * @param sigma - σ, σ', …, σ^(order+1) at z's value (`undefined` where identically zero)
 * @param cotangent - ā, entry per order (`undefined` = zero)
 * @returns z̄, entry per order (`undefined` where zero or where z's order is zero)
 */
export function activateJetVjp(z: Jet, sigma: readonly (Tensor2D | undefined)[], cotangent: Jet): Jet {
  const order = z.length - 1;
  const monomial = jetMonomials(z);
  // groups[j].get(s): the terms of z̄^(j) that multiply σ^(s).
  const groups = Array.from({ length: order + 1 }, () => new Map<number, Tensor2D[]>());
  const add = (j: number, k: number, term: Tensor2D): void => {
    const terms = groups[j]!.get(k);
    if (terms === undefined) groups[j]!.set(k, [term]);
    else terms.push(term);
  };
  const scaled = (term: Tensor2D, coefficient: number): Tensor2D => (coefficient === 1 ? term : mul(term, coefficient));
  if (cotangent[0] !== undefined && sigma[1] !== undefined) add(0, 1, cotangent[0]);
  for (let n = 1; n <= order; n++) {
    const bar = cotangent[n];
    if (bar === undefined) continue;
    for (const { parts, coefficient } of faaDiBrunoTerms(n)) {
      const k = parts.length;
      if (sigma[k + 1] !== undefined) {
        const product = monomial(parts);
        if (product !== undefined) add(0, k + 1, scaled(mul(bar, product), coefficient));
      }
      if (sigma[k] === undefined) continue;
      for (const j of new Set(parts)) {
        if (z[j] === undefined) continue;
        const at = parts.indexOf(j);
        const rest = [...parts.slice(0, at), ...parts.slice(at + 1)];
        const multiplicity = parts.filter((part) => part === j).length;
        if (rest.length === 0) {
          add(j, k, scaled(bar, coefficient * multiplicity));
          continue;
        }
        const product = monomial(rest);
        if (product !== undefined) add(j, k, scaled(mul(bar, product), coefficient * multiplicity));
      }
    }
  }
  return groups.map((group, j) => {
    if (z[j] === undefined || group.size === 0) return undefined;
    return sumTensors([...group].map(([k, terms]) => mul<Tensor2D>(sigma[k]!, sumTensors(terms))));
  });
}
