import type { ProblemUnknown } from '@quadrant/spec';

/** `name` followed by `order` primes: `withPrimes('y', 2)` is `y''`. */
export function withPrimes(name: string, order: number): string {
  return name + "'".repeat(order);
}

/** Splits `y''` into `{ name: 'y', order: 2 }`; a plain name has order 0; undefined when not a name with primes. */
export function splitPrimes(symbol: string): { name: string; order: number } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9_]*)('*)$/.exec(symbol);
  return match ? { name: match[1]!, order: match[2]!.length } : undefined;
}

// mathjs reads a prime as its transpose operator, so each prime that follows a name becomes
// a `$`, which mathjs accepts inside names and ours never contain. One character for one
// keeps every position in the text, so mathjs's error positions point into what the user wrote.
/** Rewrites `y''` to `y$$` throughout an expression, keeping its length. */
export function rewritePrimes(text: string): string {
  return text.replace(/([A-Za-z_][A-Za-z0-9_]*)('+)/g, (_, name: string, primes: string) => name + '$'.repeat(primes.length));
}

/** Undoes {@link rewritePrimes} in a name or a message. */
export function restorePrimes(text: string): string {
  return text.replaceAll('$', "'");
}

/**
 * Names of the first-order state: for each unknown in order, u, u', …, u^(order−1).
 * `[{ name: 'x', order: 1 }, { name: 'y', order: 2 }]` gives `["x", "y", "y'"]`.
 */
export function stateNames(unknowns: readonly ProblemUnknown[]): string[] {
  return unknowns.flatMap((unknown) => Array.from({ length: unknown.order }, (_, k) => withPrimes(unknown.name, k)));
}

/** A name quoted for a message: `'y'`, but `"y'"` when it has primes. */
export function quoteName(name: string): string {
  return name.includes("'") ? `"${name}"` : `'${name}'`;
}
