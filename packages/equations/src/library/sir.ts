import { defineProblem } from '../parse/define-problem.ts';

/** SIR epidemic in population fractions: S' = −β·S·I, I' = β·S·I − γ·I, R' = γ·I. */
export const sir = defineProblem(
  {
    name: 'sir',
    description: "SIR epidemic S' = -beta*S*I, I' = beta*S*I - gamma*I, R' = gamma*I with beta = 0.5, gamma = 0.1, S(0) = 0.99, I(0) = 0.01 on [0, 50]",
    source: 'Kermack & McKendrick, "A contribution to the mathematical theory of epidemics", Proceedings of the Royal Society A (1927)',
    parameters: { beta: 0.5, gamma: 0.1 },
    equations: {
      "S'": '-beta*S*I',
      "I'": 'beta*S*I - gamma*I',
      "R'": 'gamma*I',
    },
    initial: { S: 0.99, I: 0.01, R: 0 },
    domain: [0, 50],
    invariants: { population: 'S + I + R' },
  },
  'library:sir',
);
