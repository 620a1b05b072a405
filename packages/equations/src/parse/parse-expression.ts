import { didYouMean } from '@quadrant/spec';
import { isConstantNode, isFunctionNode, isOperatorNode, isParenthesisNode, isSymbolNode, type MathNode, parse } from 'mathjs/number';
import { describeValue } from './describe-issue.ts';
import type { BinaryOperator, ExpressionNode } from './expression-node.ts';
import type { ExpressionScope } from './expression-scope.ts';
import { invalidProblem } from './invalid-problem.ts';
import { isMathFunction, mathConstants, mathFunctions } from './math-functions.ts';
import { quoteName, restorePrimes, rewritePrimes } from './prime-notation.ts';

const binaryOperators: ReadonlyMap<string, BinaryOperator> = new Map([
  ['add', '+'],
  ['subtract', '-'],
  ['multiply', '*'],
  ['divide', '/'],
  ['pow', '^'],
]);

/**
 * Levels of nesting an expression may have (parentheses, calls, and each operator of a chain
 * such as `a + b + …`, which parses as nested pairs). Every stage after parsing walks the tree
 * recursively, so a deeper one is refused here rather than overflowing the stack there.
 */
export const expressionDepthLimit = 256;

/**
 * Parses an expression with mathjs and checks every name against `scope`.
 * @param text - the expression as written, primes included (`-omega^2*y - c*y'`)
 * @param where - `origin: field`, the front of any error message
 * @throws QuadrantError `PROBLEM_INVALID` (`where: cause`) for a syntax error (with its
 *   character position), an unknown symbol or function (with the nearest name), a wrong
 *   number of arguments, nesting deeper than {@link expressionDepthLimit}, or a construct outside
 *   arithmetic and the functions of `mathFunctions`
 */
export function parseExpression(text: string, where: string, scope: ExpressionScope): ExpressionNode {
  if (text.trim() === '') throw invalidProblem(where, 'empty expression');
  const dollar = text.indexOf('$');
  // The expression is quoted through describeValue: escaped and cut short, so a message stays one line.
  if (dollar >= 0) throw invalidProblem(where, `syntax error at character ${dollar + 1} of ${describeValue(text)}: unexpected '$'`);
  let root: MathNode;
  try {
    root = parse(rewritePrimes(text));
  } catch (error) {
    // mathjs parses recursively: nesting far past the limit overflows its stack before any check of ours.
    if (error instanceof RangeError) throw tooDeep(where, { cause: error });
    const message = error instanceof Error ? error.message : String(error);
    const position = /\(char (\d+)\)/.exec(message);
    const cause = restorePrimes(message.replace(/\s*\(char \d+\)\s*$/, ''));
    const at = position ? ` at character ${position[1]}` : '';
    throw invalidProblem(where, `syntax error${at} of ${describeValue(text)}: ${cause}`, { cause: error });
  }
  return convert(root, where, scope, 0);
}

function tooDeep(where: string, options?: ErrorOptions) {
  return invalidProblem(
    where,
    `nested deeper than the limit of ${expressionDepthLimit} levels (parentheses, calls and chained operators); simplify it`,
    options,
  );
}

function convert(node: MathNode, where: string, scope: ExpressionScope, depth: number): ExpressionNode {
  if (depth > expressionDepthLimit) throw tooDeep(where);
  const inner = (child: MathNode) => convert(child, where, scope, depth + 1);
  if (isParenthesisNode(node)) return inner(node.content);
  if (isConstantNode(node)) {
    if (typeof node.value === 'number') return { kind: 'number', value: node.value };
    throw invalidProblem(where, `unsupported constant ${describeValue(restorePrimes(node.toString()))}; expressions use numbers only`);
  }
  if (isSymbolNode(node)) return symbol(restorePrimes(node.name), where, scope);
  if (isOperatorNode(node)) {
    const args = node.args.map(inner);
    if (node.fn === 'unaryPlus' && args.length === 1) return args[0]!;
    if (node.fn === 'unaryMinus' && args.length === 1) return { kind: 'negate', argument: args[0]! };
    const operator = binaryOperators.get(node.fn);
    if (operator !== undefined && args.length >= 2) {
      return args.slice(1).reduce<ExpressionNode>((left, right) => ({ kind: 'binary', operator, left, right }), args[0]!);
    }
    // mathjs reads a prime after a parenthesis as its transpose operator, missing from its types.
    if ((node.fn as string) === 'ctranspose') throw invalidProblem(where, "a prime (') may only follow a name, as in y'");
    throw invalidProblem(where, `unsupported operator '${restorePrimes(node.op)}'; use + - * / ^ and functions such as sin(…)`);
  }
  if (isFunctionNode(node)) {
    const name = restorePrimes(node.fn.name);
    if (!isMathFunction(name)) {
      if (scope.symbols.includes(name)) {
        throw invalidProblem(where, `${quoteName(name)} is not a function: write ${name}*(…) for a product, or ${name} alone for its value`);
      }
      throw invalidProblem(where, `unknown function ${quoteName(name)}${didYouMean(name, Object.keys(mathFunctions))}`);
    }
    const arity = mathFunctions[name];
    if (node.args.length !== arity) {
      throw invalidProblem(where, `${name} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${node.args.length}`);
    }
    return { kind: 'call', name, args: node.args.map(inner) };
  }
  throw invalidProblem(
    where,
    `unsupported construct ${describeValue(restorePrimes(node.toString()))}; an expression uses numbers, names, + - * / ^ and functions`,
  );
}

function symbol(name: string, where: string, scope: ExpressionScope): ExpressionNode {
  if (scope.symbols.includes(name)) return { kind: 'symbol', name };
  const constant = mathConstants.get(name);
  if (constant !== undefined) return { kind: 'number', value: constant };
  if (isMathFunction(name)) throw invalidProblem(where, `'${name}' is a function; call it as ${name}(…)`);
  const refusal = scope.refuse?.(name);
  if (refusal !== undefined) throw invalidProblem(where, refusal);
  throw invalidProblem(where, `unknown symbol ${quoteName(name)}${didYouMean(name, [...scope.symbols, ...mathConstants.keys()])}`);
}
