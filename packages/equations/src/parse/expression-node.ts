import type { MathFunctionName } from './math-functions.ts';

/**
 * An expression checked against its symbols: the part of the mathjs parse tree that
 * Quadrant compiles. Names keep their primes (`y'`); `pi` and `e` are already numbers.
 */
export type ExpressionNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'symbol'; readonly name: string }
  | { readonly kind: 'negate'; readonly argument: ExpressionNode }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: ExpressionNode; readonly right: ExpressionNode }
  | { readonly kind: 'call'; readonly name: MathFunctionName; readonly args: readonly ExpressionNode[] };

/** Arithmetic operators; `^` is the power, right-associative as in mathjs. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '^';
