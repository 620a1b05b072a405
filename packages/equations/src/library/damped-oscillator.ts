import { defineProblem } from '../parse/define-problem.ts';

/** y'' = −2ζω·y' − ω²·y, ζ = 0.1, ω = 2, y(0) = 1, y'(0) = 0 on [0, 10]; underdamped closed form. */
export const dampedOscillator = defineProblem(
  {
    name: 'damped-oscillator',
    description: "Underdamped oscillator y'' + 2*zeta*omega*y' + omega^2*y = 0 with zeta = 0.1, omega = 2, y(0) = 1, y'(0) = 0 on [0, 10]",
    source: 'Standard; e.g. Boyce & DiPrima, Elementary Differential Equations and Boundary Value Problems (mechanical vibrations)',
    parameters: { zeta: 0.1, omega: 2 },
    equations: { "y''": "-2*zeta*omega*y' - omega^2*y" },
    initial: { y: 1, "y'": 0 },
    domain: [0, 10],
    // With the damped frequency omega_d = omega*sqrt(1 - zeta^2): e^(-zeta*omega*t) (cos(omega_d t) + zeta*omega/omega_d sin(omega_d t)).
    exact: {
      y: 'exp(-zeta*omega*t) * (cos(omega*sqrt(1 - zeta^2)*t) + zeta/sqrt(1 - zeta^2) * sin(omega*sqrt(1 - zeta^2)*t))',
    },
  },
  'library:damped-oscillator',
);
