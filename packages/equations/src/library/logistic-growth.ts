import { defineProblem } from '../parse/define-problem.ts';

/** dy/dt = r·y·(1 − y/K), r = 1, K = 1, y(0) = 0.1 on [0, 10]; the logistic curve. */
export const logisticGrowth = defineProblem(
  {
    name: 'logistic-growth',
    description: 'Logistic growth dy/dt = r*y*(1 - y/K) with r = 1, K = 1, y(0) = 0.1 on [0, 10]: an S-curve towards the capacity K',
    source: 'Verhulst (1838); Strogatz, Nonlinear Dynamics and Chaos, section 2.3',
    parameters: { r: 1, K: 1 },
    equations: { "y'": 'r*y*(1 - y/K)' },
    initial: { y: 0.1 },
    domain: [0, 10],
    // y(0) = 0.1 is written into the closed form, so it stays right when r or K are overridden.
    exact: { y: 'K / (1 + (K/0.1 - 1)*exp(-r*t))' },
  },
  'library:logistic-growth',
);
