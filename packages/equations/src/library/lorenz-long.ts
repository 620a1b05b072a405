import { defineProblem } from '../parse/define-problem.ts';
import { problemToFile } from '../parse/problem-to-file.ts';
import { lorenz } from './lorenz.ts';

/**
 * The Lorenz system with σ = 10, ρ = 28, β = 8/3 from (1, 1, 1) over [0, 5]: about 4.5
 * Lyapunov times (largest exponent ≈ 0.906), long enough for chaos to amplify an error
 * e^4.5 ≈ 90-fold, the horizon where a fit that tracks the short `lorenz` loses the path.
 */
export const lorenzLong = defineProblem(
  {
    ...problemToFile(lorenz),
    name: 'lorenz-long',
    description:
      "Lorenz system x' = sigma*(y - x), y' = x*(rho - z) - y, z' = x*y - beta*z with sigma = 10, rho = 28, beta = 8/3 from (1, 1, 1) on [0, 5], about 4.5 Lyapunov times, where chaos has spread nearby paths apart",
    source:
      'Lorenz, "Deterministic nonperiodic flow", Journal of the Atmospheric Sciences 20 (1963); largest Lyapunov exponent 0.9056 from Sprott, Chaos and Time-Series Analysis, Oxford University Press (2003)',
    domain: [0, 5],
  },
  'library:lorenz-long',
);
