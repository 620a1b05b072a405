import type { FirstOrderSystemV1, Problem } from '@quadrant/spec';
import { problemScope } from '../parse/expression-scope.ts';
import { invalidProblem, problemWhere } from '../parse/invalid-problem.ts';
import { parseExpression } from '../parse/parse-expression.ts';
import { stateNames, withPrimes } from '../parse/prime-notation.ts';
import type { ExpressionNode } from '../parse/expression-node.ts';
import { differentiate } from './differentiate.ts';
import { emitJavaScript, numberLiteral } from './emit-javascript.ts';

/** A problem as a first-order system, and where each unknown's value sits in its state. */
export interface ReducedSystem {
  readonly system: FirstOrderSystemV1;
  /** State index of each unknown's value (its derivatives follow it). */
  readonly unknownIndex: Readonly<Record<string, number>>;
}

/**
 * Reduces a problem of any order and any number of unknowns to y' = f(t, y). The state
 * holds, for each unknown u of order m in declaration order, u, u', …, u^(m−1); f copies
 * each derivative down one slot and evaluates the equation for the highest. The right-hand
 * side is one generated function: parameters are inlined as numbers, state reads are array
 * reads, so a call walks no tree. The Jacobian ∂f_i/∂y_k is generated the same way from the
 * symbolic derivative of each equation (`differentiate`), row-major [n × n]: the copy-down
 * rows hold a single 1, and only entries that are not identically zero are computed.
 * @param parameters - the value of every parameter of the problem
 * @throws QuadrantError `PROBLEM_INVALID` for an expression that does not parse or an
 *   initial value list of the wrong length (a Problem built by hand rather than parsed)
 */
export function reduceOrder(problem: Problem, parameters: Readonly<Record<string, number>>): ReducedSystem {
  const names = stateNames(problem.unknowns);
  const position = new Map(names.map((name, index) => [name, index]));
  const symbol = (name: string) => (name === problem.independent ? 't' : position.has(name) ? `y[${position.get(name)!}]` : numberLiteral(parameters[name]!));
  const scope = problemScope(problem, 'equation');

  const n = names.length;
  const y0 = new Float64Array(n);
  const unknownIndex: Record<string, number> = {};
  const derivatives: string[] = [];
  // Non-zero Jacobian entries as [row-major index, JavaScript source].
  const jacobianEntries: [number, string][] = [];
  for (const { name, order } of problem.unknowns) {
    const base = position.get(name)!;
    unknownIndex[name] = base;
    const values = problem.initial[name];
    if (values?.length !== order) {
      throw invalidProblem(
        problemWhere(problem.origin, ['initial', name]),
        `expected ${order} initial value${order === 1 ? '' : 's'} (${names.slice(base, base + order).join(', ')})`,
      );
    }
    y0.set(values, base);
    for (let k = 1; k < order; k++) {
      derivatives.push(`y[${base + k}]`);
      jacobianEntries.push([(base + k - 1) * n + base + k, '1']);
    }
    const where = problemWhere(problem.origin, ['equations', withPrimes(name, order)]);
    const equation = parseExpression(problem.equations[name] ?? '', where, scope);
    derivatives.push(emitJavaScript(equation, symbol));
    // Parameters become numbers before differentiating, so their products fold into one constant.
    const inlined = inlineParameters(equation, parameters);
    const row = base + order - 1;
    names.forEach((state, k) => {
      const entry = differentiate(inlined, state);
      if (entry.kind !== 'number' || entry.value !== 0) jacobianEntries.push([row * n + k, emitJavaScript(entry, symbol)]);
    });
  }
  // Every component is computed before any is written, so the caller may pass one array as y and out.
  const source = [
    '"use strict";',
    ...derivatives.map((expression, index) => `const d${index} = ${expression};`),
    ...derivatives.map((_, index) => `out[${index}] = d${index};`),
  ].join('\n');
  const rhs = new Function('t', 'y', 'out', source) as FirstOrderSystemV1['rhs'];
  const jacobianSource = ['"use strict";', 'out.fill(0);', ...jacobianEntries.map(([index, expression]) => `out[${index}] = ${expression};`)].join('\n');
  const jacobian = new Function('t', 'y', 'out', jacobianSource) as NonNullable<FirstOrderSystemV1['jacobian']>;
  return { system: { names, t0: problem.domain[0], y0, rhs, jacobian }, unknownIndex };
}

/** The expression with every parameter replaced by its value. */
function inlineParameters(node: ExpressionNode, parameters: Readonly<Record<string, number>>): ExpressionNode {
  switch (node.kind) {
    case 'number':
      return node;
    case 'symbol':
      return Object.hasOwn(parameters, node.name) ? { kind: 'number', value: parameters[node.name]! } : node;
    case 'negate':
      return { kind: 'negate', argument: inlineParameters(node.argument, parameters) };
    case 'binary':
      return { ...node, left: inlineParameters(node.left, parameters), right: inlineParameters(node.right, parameters) };
    case 'call':
      return { ...node, args: node.args.map((argument) => inlineParameters(argument, parameters)) };
  }
}
