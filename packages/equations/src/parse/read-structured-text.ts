import { parseDocument } from 'yaml';
import { invalidProblem } from './invalid-problem.ts';

/** The two text formats of a problem file. */
export type TextFormat = 'json' | 'yaml';

/**
 * The format of a problem file: by the extension of `origin` (`.json`, `.yaml`, `.yml`),
 * else by content (JSON starts with `{` or `[`).
 */
export function textFormat(text: string, origin: string): TextFormat {
  const lower = origin.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

/**
 * Reads JSON or YAML text into a plain value.
 * @throws QuadrantError `PROBLEM_INVALID`: `origin: invalid JSON at line L, column C: cause`
 *   (likewise YAML), and for a key that appears twice in one object, in either format
 */
export function readStructuredText(text: string, format: TextFormat, origin: string): unknown {
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const { line, column } = lineColumn(text, jsonErrorOffset(text, message));
      throw invalidProblem(origin, `invalid JSON at line ${line}, column ${column}: ${jsonErrorCause(message)}`, { cause: error });
    }
    // JSON.parse keeps the last of two equal keys without a word; JSON is YAML, and the YAML
    // parser reports them, so a doubled equation cannot silently replace the first.
    const duplicate = parseDocument(text).errors.find((error) => error.code === 'DUPLICATE_KEY');
    if (duplicate !== undefined) throw duplicateKey(origin, duplicate.linePos?.[0]);
    return value;
  }
  const document = parseDocument(text, { prettyErrors: true });
  const error = document.errors[0];
  if (error !== undefined) {
    if (error.code === 'DUPLICATE_KEY') throw duplicateKey(origin, error.linePos?.[0]);
    const position = error.linePos?.[0];
    const at = position ? ` at line ${position.line}, column ${position.col}` : '';
    const cause = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw invalidProblem(origin, `invalid YAML${at}: ${cause}`, { cause: error });
  }
  try {
    return document.toJS();
  } catch (cause) {
    throw invalidProblem(origin, `invalid YAML: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function duplicateKey(origin: string, position: { line: number; col: number } | undefined) {
  const at = position ? ` at line ${position.line}, column ${position.col}` : '';
  return invalidProblem(origin, `duplicate key${at}: each key may appear once in an object`);
}

// V8 names the offending offset in most messages ("… in JSON at position 42") but not for an
// unexpected token. Then the error lies at the end of the longest prefix that is still the
// start of some JSON text (its only complaint is the end of input): found by bisection.
function jsonErrorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const isStartOfJson = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const inner = error instanceof Error ? error.message : '';
      const at = /at position (\d+)/.exec(inner);
      return inner.startsWith('Unexpected end of JSON input') || (at !== null && Number(at[1]) >= length);
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (isStartOfJson(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function jsonErrorCause(message: string): string {
  return message
    .replace(/^Unexpected token '\n'/, "Unexpected token '\\n'")
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON.*$/s, '');
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
