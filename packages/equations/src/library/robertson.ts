import { defineProblem } from '../parse/define-problem.ts';

/**
 * Robertson's chemical kinetics A → B (k1), B + B → C + B (k2), B + C → A + C (k3):
 * A' = −k1·A + k3·B·C, B' = k1·A − k3·B·C − k2·B², C' = k2·B², k1 = 0.04, k2 = 3e7, k3 = 1e4,
 * (A, B, C)(0) = (1, 0, 0) on [0, 40]. The classic stiff test: B settles within ~1e-4 time
 * units while A and C move over tens, so explicit solvers crawl. A + B + C is conserved.
 */
export const robertson = defineProblem(
  {
    name: 'robertson',
    description:
      "Robertson's stiff chemical kinetics A' = -k1*A + k3*B*C, B' = k1*A - k3*B*C - k2*B^2, C' = k2*B^2 with k1 = 0.04, k2 = 3e7, k3 = 1e4, (A, B, C)(0) = (1, 0, 0) on [0, 40]",
    source:
      'Robertson, "The solution of a set of reaction rate equations", in Walsh (ed.), Numerical Analysis: An Introduction, Academic Press (1966); Hairer & Wanner, Solving Ordinary Differential Equations II, Springer (1996), Section IV.1',
    parameters: { k1: 0.04, k2: 3e7, k3: 1e4 },
    equations: {
      "A'": '-k1*A + k3*B*C',
      "B'": 'k1*A - k3*B*C - k2*B^2',
      "C'": 'k2*B^2',
    },
    initial: { A: 1, B: 0, C: 0 },
    domain: [0, 40],
    invariants: { total: 'A + B + C' },
  },
  'library:robertson',
);
