import { QuadrantError } from '@quadrant/spec';

const plainKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

// A key is the user's text, of any length: past this many characters the message shows its start.
const longestKey = 40;

/**
 * A field path as users read it: `equations["y''"]`, `parameters.k`, `data.y[3]`.
 * Keys that are not plain names are quoted in brackets; a key longer than 40 characters is cut
 * short with `…`, so the message stays one readable line.
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && plainKey.test(key) && key.length <= longestKey) text += text === '' ? key : `.${key}`;
    else {
      const written = String(key);
      text += `[${JSON.stringify(written.length > longestKey ? `${written.slice(0, longestKey)}…` : written)}]`;
    }
  }
  return text;
}

/** `origin: field` (or `origin` alone for the whole file): the front of every problem message. */
export function problemWhere(origin: string, path: readonly PropertyKey[]): string {
  return path.length === 0 ? origin : `${origin}: ${fieldPath(path)}`;
}

/** A `PROBLEM_INVALID` error whose message is `where: cause`. */
export function invalidProblem(where: string, cause: string, options?: ErrorOptions): QuadrantError {
  return new QuadrantError('PROBLEM_INVALID', `${where}: ${cause}`, options);
}
