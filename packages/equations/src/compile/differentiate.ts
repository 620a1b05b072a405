import type { BinaryOperator, ExpressionNode } from '../parse/expression-node.ts';
import type { MathFunctionName } from '../parse/math-functions.ts';

const zero: ExpressionNode = { kind: 'number', value: 0 };
const one: ExpressionNode = { kind: 'number', value: 1 };

/**
 * The derivative of an expression with respect to one of its names, as a new expression:
 * symbolic differentiation by the chain rule over every node kind and every function of
 * `mathFunctions`. The result is lightly simplified as it is built (products with 0 or 1,
 * sums with 0, double negations and operations on two numbers are folded), so the
 * JavaScript emitted from it stays about as small as a derivative written by hand.
 *
 * Where a function has a kink or a jump (`abs`, `sign`, `min`, `max`) the derivative is the
 * one-sided value through `sign`: `abs(u)' = sign(u)·u'`, `sign(u)' = 0`,
 * `max(a, b)' = (a' + b')/2 + sign(a − b)·(a' − b')/2`, `min(a, b)' = (a' + b')/2 − sign(a − b)·(a' − b')/2`
 * (the mean of both sides where a = b). A power whose exponent does not depend on `name`
 * is differentiated as n·u^(n−1)·u', one whose base does not as a^v·log(a)·v', and the
 * general case as u^v·(v'·log(u) + v·u'/u).
 * @param name - the name to differentiate by, as it appears in symbol nodes (`y`, `y'`)
 */
export function differentiate(node: ExpressionNode, name: string): ExpressionNode {
  // Folding first makes the parts of the expression that the derivative reuses (u in u'·v) small too.
  return derivative(fold(node), name);
}

function derivative(node: ExpressionNode, name: string): ExpressionNode {
  switch (node.kind) {
    case 'number':
      return zero;
    case 'symbol':
      return node.name === name ? one : zero;
    case 'negate':
      return negate(derivative(node.argument, name));
    case 'binary':
      return differentiateBinary(node.operator, node.left, node.right, name);
    case 'call':
      return differentiateCall(node.name, node.args, name);
  }
}

function differentiateBinary(operator: BinaryOperator, left: ExpressionNode, right: ExpressionNode, name: string): ExpressionNode {
  const dl = derivative(left, name);
  const dr = derivative(right, name);
  switch (operator) {
    case '+':
      return add(dl, dr);
    case '-':
      return subtract(dl, dr);
    case '*':
      // (uv)' = u'v + uv'
      return add(multiply(dl, right), multiply(left, dr));
    case '/':
      // (u/v)' = u'/v − u·v'/v²
      return subtract(divide(dl, right), divide(multiply(left, dr), power(right, number(2))));
    case '^':
      return differentiatePower(left, right, dl, dr);
  }
}

function differentiatePower(base: ExpressionNode, exponent: ExpressionNode, dBase: ExpressionNode, dExponent: ExpressionNode): ExpressionNode {
  if (isNumber(dExponent, 0)) {
    // (u^n)' = n·u^(n−1)·u'
    return multiply(multiply(exponent, power(base, subtract(exponent, one))), dBase);
  }
  const whole = power(base, exponent);
  if (isNumber(dBase, 0)) {
    // (a^v)' = a^v·log(a)·v'
    return multiply(multiply(whole, call('log', base)), dExponent);
  }
  // (u^v)' = u^v·(v'·log(u) + v·u'/u)
  return multiply(whole, add(multiply(dExponent, call('log', base)), divide(multiply(exponent, dBase), base)));
}

function differentiateCall(fn: MathFunctionName, args: readonly ExpressionNode[], name: string): ExpressionNode {
  const u = args[0]!;
  const du = derivative(u, name);
  // Chain rule for the one-argument functions: f(u)' = f'(u)·u'.
  const chain = (outer: ExpressionNode) => multiply(outer, du);
  const over = (denominator: ExpressionNode) => divide(du, denominator);
  switch (fn) {
    case 'sin':
      return chain(call('cos', u));
    case 'cos':
      return negate(chain(call('sin', u)));
    case 'tan':
      return over(power(call('cos', u), number(2)));
    case 'asin':
      return over(call('sqrt', subtract(one, power(u, number(2)))));
    case 'acos':
      return negate(over(call('sqrt', subtract(one, power(u, number(2))))));
    case 'atan':
      return over(add(one, power(u, number(2))));
    case 'sinh':
      return chain(call('cosh', u));
    case 'cosh':
      return chain(call('sinh', u));
    case 'tanh':
      // 1/cosh² rather than 1 − tanh², which loses all digits where tanh is near ±1.
      return over(power(call('cosh', u), number(2)));
    case 'asinh':
      return over(call('sqrt', add(power(u, number(2)), one)));
    case 'acosh':
      return over(call('sqrt', subtract(power(u, number(2)), one)));
    case 'atanh':
      return over(subtract(one, power(u, number(2))));
    case 'exp':
    case 'expm1':
      return chain(call('exp', u));
    case 'log':
      return over(u);
    case 'log1p':
      return over(add(one, u));
    case 'log10':
      return over(multiply(u, number(Math.LN10)));
    case 'log2':
      return over(multiply(u, number(Math.LN2)));
    case 'sqrt':
      return over(multiply(number(2), call('sqrt', u)));
    case 'cbrt':
      return over(multiply(number(3), power(call('cbrt', u), number(2))));
    case 'square':
      return multiply(multiply(number(2), u), du);
    case 'abs':
      return chain(call('sign', u));
    case 'sign':
      return zero;
    case 'min':
    case 'max': {
      const v = args[1]!;
      const dv = derivative(v, name);
      const mean = divide(add(du, dv), number(2));
      const halfGap = divide(multiply(call('sign', subtract(u, v)), subtract(du, dv)), number(2));
      return fn === 'max' ? add(mean, halfGap) : subtract(mean, halfGap);
    }
    case 'atan2': {
      // atan2(a, b)' = (b·a' − a·b') / (a² + b²), the derivative of atan(a/b) on every branch.
      const b = args[1]!;
      const db = derivative(b, name);
      return divide(subtract(multiply(b, du), multiply(u, db)), add(power(u, number(2)), power(b, number(2))));
    }
    case 'pow':
      return differentiatePower(u, args[1]!, du, derivative(args[1]!, name));
  }
}

/** The expression rebuilt through the simplifying constructors below: constants folded, 0 and 1 dropped. */
function fold(node: ExpressionNode): ExpressionNode {
  switch (node.kind) {
    case 'number':
    case 'symbol':
      return node;
    case 'negate':
      return negate(fold(node.argument));
    case 'binary':
      return build(node.operator, fold(node.left), fold(node.right));
    case 'call':
      return call(node.name, ...node.args.map(fold));
  }
}

function build(operator: BinaryOperator, left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  switch (operator) {
    case '+':
      return add(left, right);
    case '-':
      return subtract(left, right);
    case '*':
      return multiply(left, right);
    case '/':
      return divide(left, right);
    case '^':
      return power(left, right);
  }
}

function number(value: number): ExpressionNode {
  return { kind: 'number', value };
}

function isNumber(node: ExpressionNode, value?: number): node is { kind: 'number'; value: number } {
  return node.kind === 'number' && (value === undefined || node.value === value);
}

function call(fn: MathFunctionName, ...args: ExpressionNode[]): ExpressionNode {
  return { kind: 'call', name: fn, args };
}

function binary(operator: BinaryOperator, left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  return { kind: 'binary', operator, left, right };
}

function negate(argument: ExpressionNode): ExpressionNode {
  if (isNumber(argument)) return number(-argument.value);
  if (argument.kind === 'negate') return argument.argument;
  return { kind: 'negate', argument };
}

function add(left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  if (isNumber(left) && isNumber(right)) return number(left.value + right.value);
  if (isNumber(left, 0)) return right;
  if (isNumber(right, 0)) return left;
  if (right.kind === 'negate') return subtract(left, right.argument);
  return binary('+', left, right);
}

function subtract(left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  if (isNumber(left) && isNumber(right)) return number(left.value - right.value);
  if (isNumber(right, 0)) return left;
  if (isNumber(left, 0)) return negate(right);
  if (right.kind === 'negate') return add(left, right.argument);
  return binary('-', left, right);
}

function multiply(left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  if (isNumber(left) && isNumber(right)) return number(left.value * right.value);
  if (isNumber(left, 0) || isNumber(right, 0)) return zero;
  if (isNumber(left, 1)) return right;
  if (isNumber(right, 1)) return left;
  if (isNumber(left, -1)) return negate(right);
  if (isNumber(right, -1)) return negate(left);
  // A sign in front of a product: −a·b and a·(−b) both become −(a·b).
  if (left.kind === 'negate') return negate(multiply(left.argument, right));
  if (right.kind === 'negate') return negate(multiply(left, right.argument));
  return binary('*', left, right);
}

function divide(left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  if (isNumber(left, 0)) return zero;
  if (isNumber(right, 1)) return left;
  if (isNumber(left) && isNumber(right) && right.value !== 0) return number(left.value / right.value);
  if (left.kind === 'negate') return negate(divide(left.argument, right));
  return binary('/', left, right);
}

function power(base: ExpressionNode, exponent: ExpressionNode): ExpressionNode {
  if (isNumber(exponent, 0)) return one;
  if (isNumber(exponent, 1)) return base;
  if (isNumber(base) && isNumber(exponent)) return number(base.value ** exponent.value);
  return binary('^', base, exponent);
}
