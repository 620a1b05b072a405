import { defineProblem } from '../parse/define-problem.ts';

/** θ'' = −(g/L)·sin θ, θ(0) = 1 rad, θ'(0) = 0 on [0, 5]; energy conserved. */
export const pendulum = defineProblem(
  {
    name: 'pendulum',
    description: "Nonlinear pendulum theta'' = -(g/L)*sin(theta) with g = 9.81, L = 1, theta(0) = 1 rad, theta'(0) = 0 on [0, 5]",
    source: 'Hairer, Lubich & Wanner, Geometric Numerical Integration, chapter I (the mathematical pendulum); its closed form needs Jacobi elliptic functions',
    parameters: { g: 9.81, L: 1 },
    equations: { "theta''": '-(g/L)*sin(theta)' },
    initial: { theta: 1, "theta'": 0 },
    domain: [0, 5],
    invariants: { energy: "theta'^2/2 - (g/L)*cos(theta)" },
  },
  'library:pendulum',
);
