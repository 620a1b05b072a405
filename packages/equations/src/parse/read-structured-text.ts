import { QuadrantError, type QuadrantErrorCode } from '@quadrant/spec';
import { parseDocument } from 'yaml';

/**
 * The longest text read in each format. The YAML parser builds a syntax tree of about 1 KB per
 * value (a 7 MB list of numbers took 1.3 GB and 8 s), so YAML stops at 2 MB, room for 10^5
 * observations; JSON is parsed natively, and 32 MB holds the most observations a problem may have.
 */
export const textLimits = { json: 32_000_000, yaml: 2_000_000 } as const;

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
 * Reads JSON or YAML text into a plain value: the one reader of problem, suite and settings files.
 * @param code - the error code of what the text is (`PROBLEM_INVALID` for a problem file, `CONFIG_INVALID` for settings)
 * @throws QuadrantError with `code`: `origin: invalid JSON at line L, column C: cause`
 *   (likewise YAML), for a key that appears twice in one object, in either format, and for a
 *   text longer than its format's limit in {@link textLimits}, before parsing it
 */
export function readStructuredText(text: string, format: TextFormat, origin: string, code: QuadrantErrorCode = 'PROBLEM_INVALID'): unknown {
  const invalid = (cause: string, options?: ErrorOptions) => new QuadrantError(code, `${origin}: ${cause}`, options);
  if (text.length > textLimits[format]) {
    throw invalid(`${text.length} characters exceeds the limit of ${textLimits[format]} characters for a ${format === 'json' ? 'JSON' : 'YAML'} file`);
  }
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const { line, column } = lineColumn(text, jsonErrorOffset(text, message));
      throw invalid(`invalid JSON at line ${line}, column ${column}: ${jsonErrorCause(message)}`, { cause: error });
    }
    // JSON.parse keeps the last of two equal keys without a word, so a doubled equation would
    // silently replace the first.
    const duplicate = duplicateJsonKey(text);
    if (duplicate !== undefined) {
      const { line, column } = lineColumn(text, duplicate);
      throw invalid(duplicateKey({ line, col: column }));
    }
    return value;
  }
  // logLevel 'error': a warning (an unknown tag) would otherwise go to stderr beside the one-line message.
  const document = parseDocument(text, { prettyErrors: true, logLevel: 'error' });
  const error = document.errors[0];
  if (error !== undefined) {
    if (error.code === 'DUPLICATE_KEY') throw invalid(duplicateKey(error.linePos?.[0]));
    const position = error.linePos?.[0];
    const at = position ? ` at line ${position.line}, column ${position.col}` : '';
    const cause = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw invalid(`invalid YAML${at}: ${cause}`, { cause: error });
  }
  try {
    return document.toJS();
  } catch (cause) {
    throw invalid(`invalid YAML: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function duplicateKey(position: { line: number; col: number } | undefined): string {
  const at = position ? ` at line ${position.line}, column ${position.col}` : '';
  return `duplicate key${at}: each key may appear once in an object`;
}

/**
 * The offset of the first key that repeats one before it in the same object, in text that
 * JSON.parse accepted: one pass with a set of keys per open object, so it costs no more memory
 * than the keys themselves (the YAML parser, which also reports duplicates, needs ~1 KB a value).
 */
function duplicateJsonKey(text: string): number | undefined {
  // One entry per open bracket: the keys seen so far of an object, undefined for an array.
  const open: (Set<string> | undefined)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (character === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const keys = open.at(-1)!;
        if (keys.has(key)) return i;
        keys.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (character === '{') {
      open.push(new Set());
      expectingKey = true;
    } else if (character === '[') open.push(undefined);
    else if (character === '}' || character === ']') open.pop();
    else if (character === ',') expectingKey = open.at(-1) !== undefined;
  }
  return undefined;
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
