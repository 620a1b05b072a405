import { defineProblem } from '../parse/define-problem.ts';

/** The Lorenz system with σ = 10, ρ = 28, β = 8/3 over the short horizon [0, 1]. */
export const lorenz = defineProblem(
  {
    name: 'lorenz',
    description:
      "Lorenz system x' = sigma*(y - x), y' = x*(rho - z) - y, z' = x*y - beta*z with sigma = 10, rho = 28, beta = 8/3 from (1, 1, 1) on [0, 1], before chaos spreads nearby paths apart",
    source: 'Lorenz, "Deterministic nonperiodic flow", Journal of the Atmospheric Sciences 20 (1963)',
    parameters: { sigma: 10, rho: 28, beta: 8 / 3 },
    equations: {
      "x'": 'sigma*(y - x)',
      "y'": 'x*(rho - z) - y',
      "z'": 'x*y - beta*z',
    },
    initial: { x: 1, y: 1, z: 1 },
    domain: [0, 1],
  },
  'library:lorenz',
);
