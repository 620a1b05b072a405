import { parseProblem, readStructuredText, textFormat } from '@quadrant/equations';
import type { Problem } from '@quadrant/spec';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** What the editor holds: a valid problem (and its raw object, which the worker validates again), or the one-line error and its line. */
export type EditorProblem =
  | { readonly ok: true; readonly problem: Problem; readonly raw: unknown }
  | { readonly ok: false; readonly message: string; readonly line: number | undefined };

/**
 * Reads the editor's text as the CLI reads a problem file (JSON or YAML, by content) and finds
 * the line of the field an error names, so the page can mark it.
 */
export function readEditorProblem(text: string): EditorProblem {
  try {
    const raw = readStructuredText(text, textFormat(text, 'problem'), 'problem');
    return { ok: true, problem: parseProblem(raw, 'problem'), raw };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { ok: false, message, line: errorLine(text, message) };
  }
}

/** The 1-based line an error message points at: its `line L` for a syntax error, else the line of the field it names. */
function errorLine(text: string, message: string): number | undefined {
  const syntax = /\bline (\d+)/.exec(message);
  if (syntax !== null) return Number(syntax[1]);
  // `problem: equations["y''"]: unknown symbol …`: the field is the part between the first two ': '.
  const field = message.split(': ')[1];
  if (field === undefined) return undefined;
  const path: (string | number)[] = [];
  for (const [, key, index, quoted] of field.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (key !== undefined) path.push(key);
    else if (index !== undefined) path.push(Number(index));
    else if (quoted !== undefined) path.push(JSON.parse(`"${quoted}"`) as string);
  }
  const lines = new LineCounter();
  // YAML is a superset of JSON: one parser gives positions for both.
  const document = parseDocument(text, { lineCounter: lines });
  for (let length = path.length; length > 0; length--) {
    const node = nodeAt(document.contents, path.slice(0, length));
    if (node?.range !== undefined && node.range !== null) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let node = root as Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      node = (pair?.value ?? pair?.key) as Node | undefined;
    } else if (isSeq(node) && typeof key === 'number') node = node.items[key] as Node | undefined;
    else return undefined;
  }
  return node;
}
