import { defineProblem } from '../parse/define-problem.ts';

/** dy/dt = −k·y, k = 1, y(0) = 1 on [0, 5]; y = exp(−k·t). The article's problem. */
export const exponentialDecay = defineProblem(
  {
    name: 'exponential-decay',
    description: "Exponential decay dy/dt = -k*y with k = 1, y(0) = 1 on [0, 5]: the article's problem",
    source:
      'The worked example of the article "Solving differential equations with neural networks" that Quadrant reproduces; a first-order linear ODE found in any textbook',
    parameters: { k: 1 },
    equations: { "y'": '-k*y' },
    initial: { y: 1 },
    domain: [0, 5],
    exact: { y: 'exp(-k*t)' },
  },
  'library:exponential-decay',
);
