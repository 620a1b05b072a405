import { QuadrantError } from '@quadrant/spec';
import { parseExpression } from '../parse/parse-expression.ts';
import { emitJavaScript } from './emit-javascript.ts';

/**
 * Compiles an expression once into a plain JavaScript function of its variables' values.
 * @param expression - mathjs syntax with primes for derivatives: `-omega^2*y - c*y'`
 * @param variables - the names the expression may use, in the order of `values`
 * @param where - `origin: field`, the front of any error message
 * @returns `(values) => number` with `values[i]` the value of `variables[i]`
 * @throws QuadrantError `PROBLEM_INVALID` for a syntax error or an unknown name (`where: cause`),
 *   `INPUT_INVALID` when `variables` names one variable twice
 */
export function compileExpression(expression: string, variables: readonly string[], where: string): (values: Float64Array) => number {
  const index = new Map<string, number>();
  for (const [position, name] of variables.entries()) {
    if (index.has(name)) throw new QuadrantError('INPUT_INVALID', `${where}: variable '${name}' is listed twice`);
    index.set(name, position);
  }
  const node = parseExpression(expression, where, { symbols: variables });
  const source = emitJavaScript(node, (name) => `values[${index.get(name)!}]`);
  return new Function('values', `"use strict"; return ${source};`) as (values: Float64Array) => number;
}
