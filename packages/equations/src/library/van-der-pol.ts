import { defineProblem } from '../parse/define-problem.ts';

/** y'' = μ·(1 − y²)·y' − y, μ = 1, y(0) = 2, y'(0) = 0 on [0, 10]: a limit cycle. */
export const vanDerPol = defineProblem(
  {
    name: 'van-der-pol',
    description: "Van der Pol oscillator y'' = mu*(1 - y^2)*y' - y with mu = 1, y(0) = 2, y'(0) = 0 on [0, 10]",
    source: 'van der Pol, "On relaxation-oscillations", Philosophical Magazine (1926); Hairer, Norsett & Wanner, Solving Ordinary Differential Equations I',
    parameters: { mu: 1 },
    equations: { "y''": "mu*(1 - y^2)*y' - y" },
    initial: { y: 2, "y'": 0 },
    domain: [0, 10],
  },
  'library:van-der-pol',
);
