import { didYouMean } from '@quadrant/spec';
import type { z } from 'zod';

/** Where a schema issue lies and what it says, in the words of a problem file. */
export interface IssueDescription {
  readonly path: readonly PropertyKey[];
  readonly cause: string;
}

const expectedWords: Readonly<Record<string, string>> = {
  number: 'a finite number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
};

/**
 * Turns a zod issue of the problem file schema into a field path and a cause a user can act
 * on: a missing field, a wrong type with what was found, an unknown field with the nearest
 * known one.
 * @param fields - the known fields of the strict object at a path, for unknown-field hints
 */
export function describeIssue(issue: z.core.$ZodIssue, fields: (path: readonly PropertyKey[]) => readonly string[]): IssueDescription {
  const path = issue.path;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return { path, cause: 'missing (required)' };
      const expected = expectedWords[issue.expected] ?? issue.expected;
      if (path.length === 0)
        return { path, cause: `expected a problem object (name, description, equations, initial, domain), got ${describeValue(issue.input)}` };
      if (issue.expected === 'string' && typeof issue.input === 'number') {
        return { path, cause: `expected an expression as a string, got the number ${issue.input}; quote it: "${issue.input}"` };
      }
      return { path, cause: `expected ${expected}, got ${describeValue(issue.input)}` };
    }
    case 'invalid_union': {
      // The one union of the schema is a parameter: a number, or an object whose own issue says more.
      const input = issue.input;
      const objectIssue = issue.errors[1]?.[0];
      if (typeof input === 'object' && input !== null && !Array.isArray(input) && objectIssue !== undefined) {
        const inner = describeIssue(objectIssue, (inside) => fields([...path, ...inside]));
        return { path: [...path, ...inner.path], cause: inner.cause };
      }
      return { path, cause: `expected a number or an object { value, guess, learn }, got ${describeValue(input)}` };
    }
    case 'invalid_key':
      // A record's key refused by its own schema (too long): the key's issue says why.
      return { path, cause: issue.issues[0]?.message ?? issue.message };
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const known = fields(path);
      return { path: [...path, key], cause: `unknown field${didYouMean(key, known)}; expected one of ${known.join(', ')}` };
    }
    default:
      return { path, cause: issue.message };
  }
}

/** A short description of a value found where another was expected. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
