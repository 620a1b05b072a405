import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOperator, ExpressionNode } from '../parse/expression-node.ts';
import { type MathFunctionName, mathFunctions } from '../parse/math-functions.ts';
import { parseExpression } from '../parse/parse-expression.ts';
import { differentiate } from './differentiate.ts';
import { emitJavaScript } from './emit-javascript.ts';

type Evaluate = (x: number, y: number) => number;

const parse = (text: string) => parseExpression(text, 'test', { symbols: ['x', 'y'] });
const source = (node: ExpressionNode) => emitJavaScript(node, (name) => name);
const evaluator = (node: ExpressionNode): Evaluate => new Function('x', 'y', `"use strict"; return ${source(node)};`) as Evaluate;

/**
 * ∂f/∂x at (x, y) by central differences D(h) = (f(x + h) − f(x − h)) / 2h, Richardson-extrapolated
 * twice over: R(h) = (4·D(h/2) − D(h)) / 3 is accurate to O(h⁴). Undefined where the estimate is not
 * trustworthy: a non-finite value nearby, or two extrapolations (from h and from h/2) that disagree,
 * which happens within h of a kink, a jump or a pole, or where round-off swamps the differences.
 */
function centralDerivative(f: Evaluate, x: number, y: number): number | undefined {
  const h = 1e-3;
  const d = [h, h / 2, h / 4].map((step) => (f(x + step, y) - f(x - step, y)) / (2 * step));
  if (!d.every(Number.isFinite)) return undefined;
  const coarse = (4 * d[1]! - d[0]!) / 3;
  const fine = (4 * d[2]! - d[1]!) / 3;
  const scale = Math.max(1, Math.abs(fine));
  return Math.abs(coarse - fine) <= 1e-7 * scale ? fine : undefined;
}

/**
 * How far the symbolic derivative is from the differences at (x, y), relative to max(1, |derivative|);
 * undefined when the differences cannot tell. A kink of a piecewise-linear expression within h
 * (`min(x, 0)` at x = 1e-300) fools the extrapolation check, since every difference there is the same
 * mean of both slopes; the derivative's own second differences over the window reveal it as a jump.
 */
function derivativeGap(node: ExpressionNode, x: number, y: number): number | undefined {
  const f = evaluator(node);
  if (!Number.isFinite(f(x, y))) return undefined;
  const numeric = centralDerivative(f, x, y);
  if (numeric === undefined) return undefined;
  const derivative = evaluator(differentiate(node, 'x'));
  const symbolic = derivative(x, y);
  const scale = Math.max(1, Math.abs(numeric));
  for (const step of [1e-3, 5e-4]) {
    const curvature = derivative(x + step, y) - 2 * symbolic + derivative(x - step, y);
    if (!(Math.abs(curvature) <= 1e-4 * scale)) return undefined;
  }
  return Math.abs(symbolic - numeric) / scale;
}

/** Names of the functions an expression calls. */
function calledFunctions(node: ExpressionNode): string[] {
  switch (node.kind) {
    case 'number':
    case 'symbol':
      return [];
    case 'negate':
      return calledFunctions(node.argument);
    case 'binary':
      return [...calledFunctions(node.left), ...calledFunctions(node.right)];
    case 'call':
      return [node.name, ...node.args.flatMap(calledFunctions)];
  }
}

// Each entry: an expression in x and y, and the x range where it is smooth and defined for y in [0.4, 1.3].
const table: readonly (readonly [string, number, number])[] = [
  ['sin(2*x + y)', -2, 2],
  ['cos(x^2 - y)', -2, 2],
  ['tan(x/2)', -2, 2],
  ['asin(x/2)', -1.8, 1.8],
  ['acos(x/2 - y/10)', -1.5, 1.5],
  ['atan(3*x*y)', -2, 2],
  ['atan2(x, y)', -2, 2],
  ['atan2(y, x^2 - 1)', -0.8, 0.8],
  ['atan2(x - 1, x + y)', 1.2, 3],
  ['sinh(x*y)', -2, 2],
  ['cosh(x - y)', -2, 2],
  ['tanh(2*x)', -2, 2],
  ['asinh(x^3)', -2, 2],
  ['acosh(x^2 + 1.5)', -2, 2],
  ['acosh(x)', 1.1, 4],
  ['atanh(x/2)', -1.8, 1.8],
  ['exp(-x^2*y)', -2, 2],
  ['expm1(x/3)', -2, 2],
  ['log(x^2 + y)', -2, 2],
  ['log1p(x*y)', -0.7, 2],
  ['log10(2 + x)', -1.5, 2],
  ['log2(2 + x*y)', -1.5, 2],
  ['sqrt(1 + x^2)', -2, 2],
  ['sqrt(x)', 0.1, 4],
  ['cbrt(x + 3)', -2, 2],
  ['cbrt(x)', 0.1, 4],
  ['square(sin(x))', -2, 2],
  ['abs(x - 0.3)*x', -2, 2],
  ['abs(sin(3*x))', -2, 2],
  ['sign(x - 0.3)*x^2', -2, 2],
  ['min(x, y)', -2, 2],
  ['max(x^2, y)', -2, 2],
  ['min(sin(x), 0.2) + max(y, x)', -2, 2],
  ['pow(x, 3)', -2, 2],
  ['x^3 - 2*x^2 + x', -2, 2],
  ['x^y', 0.1, 3],
  ['y^x', -2, 2],
  ['pow(2, x)', -2, 2],
  ['(x^2 + 1)^(x/2)', -2, 2],
  ['(x + 3)^-2', -2, 2],
  ['x^0.5', 0.1, 4],
  ['pow(x, 1)', -2, 2],
  ['-x*y + 3/x', 0.2, 3],
  ['x/(1 + y^2)', -2, 2],
  ['(x - y)/(x + y + 3)', -2, 2],
  ['-(x + 1)^2', -2, 2],
  ['--x', -2, 2],
  ['y', -2, 2],
  ['4*pi', -2, 2],
];

describe('differentiate', () => {
  it('has a test expression for every function an expression may call', () => {
    const covered = new Set(table.flatMap(([text]) => calledFunctions(parse(text))));
    expect(Object.keys(mathFunctions).filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each(table)('d/dx %s agrees with central differences at 60 points', (text, from, to) => {
    const node = parse(text);
    let compared = 0;
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const x = from + ((to - from) * (i + 0.5)) / 60;
      const y = 0.4 + 0.9 * (((i * 7) % 60) / 60);
      const gap = derivativeGap(node, x, y);
      if (gap === undefined) continue;
      compared++;
      worst = Math.max(worst, gap);
    }
    // Only points within a few h of a kink may be left out.
    expect(compared).toBeGreaterThanOrEqual(56);
    expect(worst).toBeLessThan(1e-7);
  });

  it('agrees with central differences on random expressions at random points', () => {
    const symbol = (name: string): ExpressionNode => ({ kind: 'symbol', name });
    const number = (value: number): ExpressionNode => ({ kind: 'number', value });
    const binary = (operator: BinaryOperator, left: ExpressionNode, right: ExpressionNode): ExpressionNode => ({ kind: 'binary', operator, left, right });
    const call = (name: MathFunctionName, ...args: ExpressionNode[]): ExpressionNode => ({ kind: 'call', name, args });
    // Arguments moved into each function's domain, so most samples are defined.
    const positive = (node: ExpressionNode) => binary('+', number(0.5), call('square', node));
    const unit = (node: ExpressionNode) => binary('*', number(0.9), call('sin', node));
    const anywhere: MathFunctionName[] = ['sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'exp', 'expm1', 'cbrt', 'square', 'abs', 'sign'];
    const { expression } = fc.letrec<{ expression: ExpressionNode; leaf: ExpressionNode; node: ExpressionNode }>((tie) => ({
      leaf: fc.oneof(
        fc.constantFrom(symbol('x'), symbol('y')),
        fc.integer({ min: -6, max: 6 }).map((k) => number(k / 2)),
      ),
      node: fc.oneof(
        tie('expression').map((argument): ExpressionNode => ({ kind: 'negate', argument })),
        fc
          .tuple(fc.constantFrom<BinaryOperator>('+', '-', '*'), tie('expression'), tie('expression'))
          .map(([operator, left, right]) => binary(operator, left, right)),
        fc.tuple(tie('expression'), tie('expression')).map(([left, right]) => binary('/', left, positive(right))),
        fc.tuple(tie('expression'), fc.integer({ min: -2, max: 3 })).map(([base, exponent]) => binary('^', base, number(exponent))),
        fc.tuple(tie('expression'), tie('expression')).map(([base, exponent]) => binary('^', positive(base), exponent)),
        fc.tuple(tie('expression'), tie('expression')).map(([base, exponent]) => call('pow', positive(base), exponent)),
        fc.tuple(fc.constantFrom(...anywhere), tie('expression')).map(([name, argument]) => call(name, argument)),
        fc
          .tuple(fc.constantFrom<MathFunctionName>('log', 'log10', 'log2', 'sqrt'), tie('expression'))
          .map(([name, argument]) => call(name, positive(argument))),
        fc.tuple(fc.constantFrom<MathFunctionName>('asin', 'acos', 'atanh'), tie('expression')).map(([name, argument]) => call(name, unit(argument))),
        tie('expression').map((argument) => call('log1p', call('square', argument))),
        tie('expression').map((argument) => call('acosh', binary('+', number(1.5), call('square', argument)))),
        fc.tuple(fc.constantFrom<MathFunctionName>('atan2', 'min', 'max'), tie('expression'), tie('expression')).map(([name, a, b]) => call(name, a, b)),
      ),
      expression: fc.oneof({ maxDepth: 4, depthIdentifier: 'expression', withCrossShrink: true }, tie('leaf'), { arbitrary: tie('node'), weight: 2 }),
    }));
    const coordinate = fc.double({ min: -1.5, max: 1.5, noNaN: true });
    let sampled = 0;
    let compared = 0;
    fc.assert(
      fc.property(expression, coordinate, coordinate, (node, x, y) => {
        sampled++;
        const gap = derivativeGap(node, x, y);
        fc.pre(gap !== undefined);
        compared++;
        if (!(gap! < 1e-6))
          throw new Error(`d/dx ${source(node)} at x = ${x}, y = ${y}: relative gap ${gap} to the differences; derivative ${source(differentiate(node, 'x'))}`);
      }),
      { numRuns: 2000, seed: 20250214 },
    );
    expect(compared).toBe(2000);
    // Most samples are compared, not skipped as undefined or within h of a kink.
    expect(compared / sampled).toBeGreaterThan(0.7);
  });

  it('simplifies as it goes: no products with 0 or 1, no sums with 0, numbers folded', () => {
    const derivative = (text: string, name = 'x') => source(differentiate(parse(text), name));
    expect(derivative('3*x')).toBe('3');
    expect(derivative('x^2')).toBe('(2 * x)');
    expect(derivative('x^3')).toBe('(3 * (x ** 2))');
    expect(derivative('-2*y*x + y')).toBe('((-2) * y)');
    expect(derivative('sin(x)')).toBe('Math.cos(x)');
    expect(derivative('x*(28 - y) - x', 'y')).toBe('(-x)');
    expect(derivative('y*cos(y)')).toBe('0');
    expect(derivative('exp(-x)')).toBe('(-Math.exp((-x)))');
    expect(derivative('2*pi*x/4')).toBe(String((2 * Math.PI) / 4));
  });

  it('differentiates by a name with primes, leaving the others constant', () => {
    const node = parseExpression("-2*zeta*omega*y' - omega^2*y", 'test', { symbols: ['y', "y'", 'zeta', 'omega'] });
    expect(emitJavaScript(differentiate(node, "y'"), (name) => (name === "y'" ? 'v' : name))).toBe('(((-2) * zeta) * omega)');
    expect(emitJavaScript(differentiate(node, 'y'), (name) => name)).toBe('(-(omega ** 2))');
  });
});
