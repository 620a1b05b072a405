import type { Problem } from '@quadrant/spec';
import { quoteName, splitPrimes, stateNames } from './prime-notation.ts';

/** The names an expression may use, and why a known name is refused where it is. */
export interface ExpressionScope {
  readonly symbols: readonly string[];
  /** A reason to refuse a name that is not in `symbols` but means something in the problem. */
  refuse?(name: string): string | undefined;
}

/** Which part of a problem an expression belongs to; each sees different names. */
export type ExpressionRole = 'equation' | 'invariant' | 'exact';

/**
 * The scope of a problem's expressions. Right-hand sides and invariants see the independent
 * variable, the parameters and the state (each unknown and its derivatives below its order);
 * a closed form sees the independent variable and the parameters only.
 */
export function problemScope(problem: Pick<Problem, 'independent' | 'parameters' | 'unknowns'>, role: ExpressionRole): ExpressionScope {
  const parameters = Object.keys(problem.parameters);
  const state = stateNames(problem.unknowns);
  const orders = new Map(problem.unknowns.map((unknown) => [unknown.name, unknown.order]));
  if (role === 'exact') {
    return {
      symbols: [problem.independent, ...parameters],
      refuse(name) {
        const split = splitPrimes(name);
        if (split === undefined || !orders.has(split.name)) return undefined;
        const allowed = [problem.independent, ...parameters].join(', ');
        return `${quoteName(name)} belongs to an unknown; a closed form may use only ${allowed} and constants`;
      },
    };
  }
  return {
    symbols: [problem.independent, ...parameters, ...state],
    refuse(name) {
      const split = splitPrimes(name);
      const order = split === undefined ? undefined : orders.get(split.name);
      if (split === undefined || order === undefined) return undefined;
      const usable = state.filter((symbol) => splitPrimes(symbol)?.name === split.name).join(', ');
      return `${quoteName(name)} is at or above the order of '${split.name}' (${order}); ${role === 'equation' ? 'a right-hand side' : 'an invariant'} may use ${usable}`;
    },
  };
}
