/**
 * The functions an expression may call, with their number of arguments. Each has the same
 * meaning in mathjs, in the generated JavaScript (`Math.*`) and in the tensor compiler.
 */
export const mathFunctions = {
  sin: 1,
  cos: 1,
  tan: 1,
  asin: 1,
  acos: 1,
  atan: 1,
  atan2: 2,
  sinh: 1,
  cosh: 1,
  tanh: 1,
  asinh: 1,
  acosh: 1,
  atanh: 1,
  exp: 1,
  expm1: 1,
  log: 1,
  log1p: 1,
  log10: 1,
  log2: 1,
  sqrt: 1,
  cbrt: 1,
  square: 1,
  abs: 1,
  sign: 1,
  min: 2,
  max: 2,
  pow: 2,
} as const satisfies Record<string, number>;

/** Name of a function an expression may call. */
export type MathFunctionName = keyof typeof mathFunctions;

/** True when `name` is a function an expression may call. */
export function isMathFunction(name: string): name is MathFunctionName {
  return Object.hasOwn(mathFunctions, name);
}

/** Named constants of the expression language. */
export const mathConstants: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

// Words mathjs reads as operators or literals: a parameter called `mod` or `true` would not
// parse as a name, so such names are refused where they are declared.
const mathjsWords = ['mod', 'to', 'in', 'and', 'or', 'xor', 'not', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'end', 'i'];

/** Names a parameter, unknown or independent variable may not take. */
export const reservedNames: ReadonlySet<string> = new Set([...Object.keys(mathFunctions), ...mathConstants.keys(), ...mathjsWords]);

/** A name of a parameter, unknown or independent variable: a letter, then letters, digits or `_`. */
export const namePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
