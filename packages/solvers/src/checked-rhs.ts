import { type FirstOrderSystemV1, QuadrantError } from '@quadrant/spec';

/** A system's right-hand side that counts its evaluations and refuses non-finite values. */
export interface CheckedRhs {
  /** Writes f(t, y) into `out`. @throws QuadrantError `SOLVER_FAILED` naming `t` and the equation when a value is not finite */
  evaluate(t: number, y: Float64Array, out: Float64Array): void;
  /**
   * The fastest-changing component at (t, y), as `rhs of y' = 1.2e+12`: where a solver whose step
   * collapsed is being pulled, so its message can name the equation. Not counted as an evaluation.
   */
  fastest(t: number, y: Float64Array): string;
  /** Evaluations so far. */
  readonly evaluations: number;
}

/**
 * Wraps `system.rhs` so a solver stops at the first non-finite derivative: a reference
 * solution full of NaN would otherwise pass silently into every metric computed from it.
 * Component c of the right-hand side is the derivative of state component c, so it is named
 * `${names[c]}'`: for the highest derivative of an unknown that is its equation's key (`y''`).
 * @param solver - the solver's name, the front of the message
 */
export function checkedRhs(system: FirstOrderSystemV1, solver: string): CheckedRhs {
  let evaluations = 0;
  const scratch = new Float64Array(system.y0.length);
  const derivativeName = (component: number) => `${system.names[component]}'`;
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
          `${solver}: rhs of ${derivativeName(c)} is not finite at t = ${t} (${out[c]}); ` +
            'the equation is singular there or the solution blows up: start the domain after the singularity, shorten it, or change the initial values',
        );
      }
    },
    fastest(t, y) {
      system.rhs(t, y, scratch);
      let largest = 0;
      for (let c = 0; c < scratch.length; c++) {
        const size = Math.abs(scratch[c]!);
        if (!Number.isFinite(size)) {
          largest = c;
          break;
        }
        if (size > Math.abs(scratch[largest]!)) largest = c;
      }
      return `rhs of ${derivativeName(largest)} = ${scratch[largest]}`;
    },
  };
}
