import type { ExpressionNode } from '../parse/expression-node.ts';
import type { MathFunctionName } from '../parse/math-functions.ts';

const javascriptFunctions: Readonly<Record<MathFunctionName, (args: readonly string[]) => string>> = {
  sin: call('Math.sin'),
  cos: call('Math.cos'),
  tan: call('Math.tan'),
  asin: call('Math.asin'),
  acos: call('Math.acos'),
  atan: call('Math.atan'),
  atan2: call('Math.atan2'),
  sinh: call('Math.sinh'),
  cosh: call('Math.cosh'),
  tanh: call('Math.tanh'),
  asinh: call('Math.asinh'),
  acosh: call('Math.acosh'),
  atanh: call('Math.atanh'),
  exp: call('Math.exp'),
  expm1: call('Math.expm1'),
  log: call('Math.log'),
  log1p: call('Math.log1p'),
  log10: call('Math.log10'),
  log2: call('Math.log2'),
  sqrt: call('Math.sqrt'),
  cbrt: call('Math.cbrt'),
  square: ([x]) => power(x!, '2'),
  abs: call('Math.abs'),
  sign: call('Math.sign'),
  min: call('Math.min'),
  max: call('Math.max'),
  pow: ([base, exponent]) => power(base!, exponent!),
};

/**
 * JavaScript source of an expression: fully parenthesised arithmetic and `Math.*` calls,
 * for `new Function`, so evaluating it walks no tree.
 * @param symbol - the source that reads a name's value (`y[1]`, `t`, a parameter's literal)
 */
export function emitJavaScript(node: ExpressionNode, symbol: (name: string) => string): string {
  switch (node.kind) {
    case 'number':
      return numberLiteral(node.value);
    case 'symbol':
      return symbol(node.name);
    case 'negate':
      return `(-${emitJavaScript(node.argument, symbol)})`;
    case 'binary': {
      const left = emitJavaScript(node.left, symbol);
      const right = emitJavaScript(node.right, symbol);
      return node.operator === '^' ? power(left, right) : `(${left} ${node.operator} ${right})`;
    }
    case 'call':
      return javascriptFunctions[node.name](node.args.map((argument) => emitJavaScript(argument, symbol)));
  }
}

/** A number as JavaScript source; negative numbers (inlined parameters) come parenthesised. */
export function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '(-0)';
  return value < 0 ? `(${value})` : String(value);
}

function call(name: string): (args: readonly string[]) => string {
  return (args) => `${name}(${args.join(', ')})`;
}

function power(base: string, exponent: string): string {
  return `(${base} ** ${exponent})`;
}
