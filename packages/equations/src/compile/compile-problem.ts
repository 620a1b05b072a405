import { didYouMean, type FirstOrderSystemV1, type Problem, QuadrantError } from '@quadrant/spec';
import { problemScope } from '../parse/expression-scope.ts';
import { invalidProblem, problemWhere } from '../parse/invalid-problem.ts';
import { parseExpression } from '../parse/parse-expression.ts';
import { withPrimes } from '../parse/prime-notation.ts';
import { emitJavaScript, numberLiteral } from './emit-javascript.ts';
import { reduceOrder } from './reduce-order.ts';

/** A problem compiled to plain numbers: what classical solvers and metrics use. */
export interface CompiledProblem {
  readonly problem: Problem;
  /** The value used for every parameter: `value ?? guess`, overridden by the caller's. */
  readonly parameters: Readonly<Record<string, number>>;
  /** The first-order system: for each unknown in declaration order, u, u', …, u^(order−1). */
  readonly system: FirstOrderSystemV1;
  /** State index of each unknown's value. */
  readonly unknownIndex: Readonly<Record<string, number>>;
  /** Each unknown's closed form at t, in declaration order; undefined unless every unknown has one. */
  readonly exact: ((t: number) => Float64Array) | undefined;
}

/**
 * Compiles a problem once: its right-hand side and closed forms become generated JavaScript
 * functions with the parameters inlined.
 * @param parameters - values that replace the problem's (a learned estimate, a sweep)
 * @throws QuadrantError `INPUT_INVALID` for an override of a parameter the problem does not
 *   have or a non-finite one; `PROBLEM_INVALID` for an expression that does not compile, or an
 *   equation that is not finite at the initial values (`1/0`, `log(y - 2)` with y(t0) = 1):
 *   no solution starts there, so neither a solver nor training could begin
 */
export function compileProblem(problem: Problem, parameters: Readonly<Record<string, number>> = {}): CompiledProblem {
  const values: Record<string, number> = {};
  for (const [name, parameter] of Object.entries(problem.parameters)) values[name] = parameter.value ?? parameter.guess;
  for (const [name, value] of Object.entries(parameters)) {
    const where = problemWhere(problem.origin, ['parameters', name]);
    if (!Object.hasOwn(values, name)) {
      const known = Object.keys(values);
      throw new QuadrantError('INPUT_INVALID', `${where}: no such parameter${didYouMean(name, known)}; parameters: ${known.join(', ') || '(none)'}`);
    }
    if (!Number.isFinite(value)) throw new QuadrantError('INPUT_INVALID', `${where}: expected a finite number, got ${value}`);
    values[name] = value;
  }
  const { system, unknownIndex } = reduceOrder(problem, values);
  checkInitialDerivatives(problem, system);
  return { problem, parameters: values, system, unknownIndex, exact: compileExact(problem, values) };
}

function checkInitialDerivatives(problem: Problem, system: FirstOrderSystemV1): void {
  const derivatives = new Float64Array(system.y0.length);
  system.rhs(system.t0, system.y0, derivatives);
  const component = derivatives.findIndex((value) => !Number.isFinite(value));
  if (component < 0) return;
  // Initial values are finite, so a copy-down row is too: the row is the highest derivative of an unknown, i.e. its equation.
  const equation = withPrimes(system.names[component]!, 1);
  const at = [`${problem.independent} = ${system.t0}`, ...system.names.map((name, c) => `${name} = ${system.y0[c]}`)].join(', ');
  throw invalidProblem(
    problemWhere(problem.origin, ['equations', equation]),
    `is ${derivatives[component]} at the initial values (${at}); the equation is singular where the problem starts: move the domain's start or change the initial values`,
  );
}

function compileExact(problem: Problem, parameters: Readonly<Record<string, number>>): CompiledProblem['exact'] {
  const exact = problem.exact;
  if (exact === undefined || problem.unknowns.some((unknown) => exact[unknown.name] === undefined)) return undefined;
  const scope = problemScope(problem, 'exact');
  const symbol = (name: string) => (name === problem.independent ? 't' : numberLiteral(parameters[name]!));
  const lines = problem.unknowns.map(({ name }, index) => {
    const node = parseExpression(exact[name]!, problemWhere(problem.origin, ['exact', name]), scope);
    return `values[${index}] = ${emitJavaScript(node, symbol)};`;
  });
  const source = ['"use strict";', `const values = new Float64Array(${problem.unknowns.length});`, ...lines, 'return values;'].join('\n');
  return new Function('t', source) as (t: number) => Float64Array;
}
