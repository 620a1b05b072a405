import type { Problem } from '@quadrant/spec';
import {
  abs,
  acos,
  acosh,
  add,
  asin,
  asinh,
  atan,
  atan2,
  atanh,
  cos,
  cosh,
  div,
  exp,
  expm1,
  log,
  log1p,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  sign,
  sin,
  sinh,
  sqrt,
  square,
  sub,
  type Tensor,
  type Tensor2D,
  tan,
  tanh,
  zerosLike,
} from '@tensorflow/tfjs-core';
import { QuadrantError } from '@quadrant/spec';
import type { ExpressionNode } from '../parse/expression-node.ts';
import type { MathFunctionName } from '../parse/math-functions.ts';
import { quoteName, splitPrimes } from '../parse/prime-notation.ts';
import type { TensorRhsInput } from './tensor-rhs-input.ts';

// Numbers stay numbers until they meet a tensor: constant subexpressions fold in JavaScript
// and cost no tensor op.
type Value = Tensor | number;
type Evaluate = (input: TensorRhsInput) => Value;

const tensorFunctions: Readonly<Record<MathFunctionName, (args: readonly Value[]) => Value>> = {
  sin: ([x]) => sin(x!),
  cos: ([x]) => cos(x!),
  tan: ([x]) => tan(x!),
  asin: ([x]) => asin(x!),
  acos: ([x]) => acos(x!),
  atan: ([x]) => atan(x!),
  atan2: ([y, x]) => atan2(y!, x!),
  sinh: ([x]) => sinh(x!),
  cosh: ([x]) => cosh(x!),
  tanh: ([x]) => tanh(x!),
  asinh: ([x]) => asinh(x!),
  acosh: ([x]) => acosh(x!),
  atanh: ([x]) => atanh(x!),
  exp: ([x]) => exp(x!),
  expm1: ([x]) => expm1(x!),
  log: ([x]) => log(x!),
  log1p: ([x]) => log1p(x!),
  log10: ([x]) => div(log(x!), Math.LN10),
  log2: ([x]) => div(log(x!), Math.LN2),
  sqrt: ([x]) => sqrt(x!),
  cbrt: ([x]) => mul(sign(x!), pow(abs(x!), 1 / 3)),
  square: ([x]) => square(x!),
  abs: ([x]) => abs(x!),
  sign: ([x]) => sign(x!),
  min: ([a, b]) => minimum(a!, b!),
  max: ([a, b]) => maximum(a!, b!),
  pow: ([base, exponent]) => power(base!, exponent!),
};

const arithmetic = {
  '+': (a: Value, b: Value) => (typeof a === 'number' && typeof b === 'number' ? a + b : add(a, b)),
  '-': (a: Value, b: Value) => (typeof a === 'number' && typeof b === 'number' ? a - b : sub(a, b)),
  '*': (a: Value, b: Value) => (typeof a === 'number' && typeof b === 'number' ? a * b : mul(a, b)),
  '/': (a: Value, b: Value) => (typeof a === 'number' && typeof b === 'number' ? a / b : div(a, b)),
  '^': power,
} as const;

function power(base: Value, exponent: Value): Value {
  if (typeof base === 'number' && typeof exponent === 'number') return base ** exponent;
  if (exponent === 2) return square(base);
  return pow(base, exponent);
}

/**
 * Builds a function that evaluates a checked expression on tensors with tfjs ops, batched over
 * the N points of `input.t`. Ops are looked up once, here; a call only applies them, inside
 * the caller's `tidy`. The result is always [N, 1], also for an expression without a tensor
 * in it (a constant, or parameters alone), so gradients still reach the parameters.
 */
export function buildTensorFunction(
  node: ExpressionNode,
  problem: Pick<Problem, 'independent' | 'parameters'>,
  where: string,
): (input: TensorRhsInput) => Tensor2D {
  const evaluate = build(node, (name) => symbolReader(name, problem, where));
  return (input) => {
    const value = evaluate(input);
    if (typeof value !== 'number' && value.rank === 2) return value as Tensor2D;
    return add(zerosLike(input.t), value);
  };
}

function build(node: ExpressionNode, symbol: (name: string) => Evaluate): Evaluate {
  switch (node.kind) {
    case 'number': {
      const value = node.value;
      return () => value;
    }
    case 'symbol':
      return symbol(node.name);
    case 'negate': {
      const argument = build(node.argument, symbol);
      return (input) => {
        const value = argument(input);
        return typeof value === 'number' ? -value : neg(value);
      };
    }
    case 'binary': {
      const left = build(node.left, symbol);
      const right = build(node.right, symbol);
      const apply = arithmetic[node.operator];
      return (input) => apply(left(input), right(input));
    }
    case 'call': {
      const args = node.args.map((argument) => build(argument, symbol));
      const apply = tensorFunctions[node.name];
      return (input) => apply(args.map((argument) => argument(input)));
    }
  }
}

function symbolReader(name: string, problem: Pick<Problem, 'independent' | 'parameters'>, where: string): Evaluate {
  if (name === problem.independent) return (input) => input.t;
  if (Object.hasOwn(problem.parameters, name)) {
    return (input) => {
      const parameter = input.parameters[name];
      if (parameter === undefined) throw missing(where, name, `parameters.${name}`);
      return parameter;
    };
  }
  const { name: unknown, order } = splitPrimes(name)!;
  return (input) => {
    const value = input.unknowns[unknown]?.[order];
    if (value === undefined) throw missing(where, name, `unknowns.${unknown}[${order}]`);
    return value;
  };
}

function missing(where: string, name: string, slot: string): QuadrantError {
  return new QuadrantError('SHAPE_MISMATCH', `${where}: the input has no tensor for ${quoteName(name)} (expected at ${slot})`);
}
