import type { z } from 'zod';

/** A zod issue, as every schema of Quadrant reports it. */
export type ZodIssue = z.core.$ZodIssue;

/**
 * The field path of a zod issue in dotted form (`hidden.1`), after `entry` when one is given
 * (`mlp.hidden.1`); `(root)` when the issue is about the value itself.
 */
export function zodIssuePath(issue: Pick<ZodIssue, 'path'>, entry?: string): string {
  const parts = entry === undefined ? issue.path : [entry, ...issue.path];
  return parts.map(String).join('.') || '(root)';
}

/**
 * One zod issue as `path: message`, e.g. `hidden.1: Too small: expected number to be >0`.
 * @param entry - a registry entry whose options were parsed, put in front of the path (`mlp`)
 */
export function describeZodIssue(issue: ZodIssue, entry?: string): string {
  return `${zodIssuePath(issue, entry)}: ${issue.message}`;
}

/** How {@link formatZodError} words a failed parse. */
export interface FormatZodErrorOptions {
  /** A registry entry whose options were parsed, put in front of every path (`mlp.hidden.1`). */
  readonly entry?: string;
  /** Every issue, joined by `; `, instead of the first alone. */
  readonly all?: boolean;
}

/**
 * A failed parse as one line that says where and what: `where: path: message`, e.g.
 * `suite.yaml: settings.0.epochs: Too small: expected number to be >0`. The first issue alone
 * unless `all` is set; the message of a `QuadrantError` thrown at an edge.
 * @param where - what was parsed, first in the message (a file, a flag, a cell)
 */
export function formatZodError(where: string, error: { readonly issues: readonly ZodIssue[] }, options: FormatZodErrorOptions = {}): string {
  const issues = options.all === true ? error.issues : error.issues.slice(0, 1);
  return `${where}: ${issues.map((issue) => describeZodIssue(issue, options.entry)).join('; ')}`;
}
