import { type FirstOrderSystemV1, QuadrantError } from '@quadrant/spec';

/** A system's right-hand side that counts its evaluations and refuses non-finite values. */
export interface CheckedRhs {
  /** Writes f(t, y) into `out`. @throws QuadrantError `SOLVER_FAILED` naming `t` and the component when a value is not finite */
  evaluate(t: number, y: Float64Array, out: Float64Array): void;
  /** Evaluations so far. */
  readonly evaluations: number;
}

/**
 * Wraps `system.rhs` so a solver stops at the first non-finite derivative: a reference
 * solution full of NaN would otherwise pass silently into every metric computed from it.
 * @param solver - the solver's name, the front of the message
 */
export function checkedRhs(system: FirstOrderSystemV1, solver: string): CheckedRhs {
  let evaluations = 0;
  return {
    get evaluations() {
      return evaluations;
    },
    evaluate(t, y, out) {
      evaluations++;
      system.rhs(t, y, out);
      for (let c = 0; c < out.length; c++) {
        if (Number.isFinite(out[c]!)) continue;
        throw new QuadrantError(
          'SOLVER_FAILED',
          `${solver}: rhs is not finite at t = ${t} (component ${system.names[c]}' = ${out[c]}); ` +
            'the equation is singular there or the solution blows up: start the domain after the singularity, shorten it, or change the initial values',
        );
      }
    },
  };
}
