import { defineProblem } from '../parse/define-problem.ts';

/** Predator–prey: prey' = α·prey − β·prey·predator, predator' = δ·prey·predator − γ·predator. */
export const lotkaVolterra = defineProblem(
  {
    name: 'lotka-volterra',
    description:
      "Predator-prey model prey' = alpha*prey - beta*prey*predator, predator' = delta*prey*predator - gamma*predator, all rates 1, prey(0) = 1.5, predator(0) = 1 on [0, 12]",
    source: 'Lotka (1925) and Volterra (1926); Hairer, Lubich & Wanner, Geometric Numerical Integration, chapter I',
    parameters: { alpha: 1, beta: 1, gamma: 1, delta: 1 },
    equations: {
      "prey'": 'alpha*prey - beta*prey*predator',
      "predator'": 'delta*prey*predator - gamma*predator',
    },
    initial: { prey: 1.5, predator: 1 },
    domain: [0, 12],
    invariants: { conserved: 'delta*prey - gamma*log(prey) + beta*predator - alpha*log(predator)' },
  },
  'library:lotka-volterra',
);
