import { defineProblem } from '../parse/define-problem.ts';

/** y'' = −ω²·y, ω = 1, y(0) = 1, y'(0) = 0 on [0, 2π]; y = cos(ω·t); energy conserved. */
export const harmonicOscillator = defineProblem(
  {
    name: 'harmonic-oscillator',
    description: "Harmonic oscillator y'' = -omega^2*y with omega = 1, y(0) = 1, y'(0) = 0 over one period [0, 2*pi]",
    source: 'Standard; e.g. Strogatz, Nonlinear Dynamics and Chaos, chapter 5, and Hairer, Lubich & Wanner, Geometric Numerical Integration',
    parameters: { omega: 1 },
    equations: { "y''": '-omega^2*y' },
    initial: { y: 1, "y'": 0 },
    domain: [0, 2 * Math.PI],
    exact: { y: 'cos(omega*t)' },
    invariants: { energy: "y'^2/2 + omega^2*y^2/2" },
  },
  'library:harmonic-oscillator',
);
