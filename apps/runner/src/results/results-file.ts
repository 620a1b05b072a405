import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import { type CellResult, cellResultSchema } from './cell-result.ts';

/**
 * Reads a JSONL results file: one cell per line. A last line cut short (the process was
 * killed while writing it) is ignored, since its cell simply runs again; any other bad line
 * is an error naming the file and line.
 * @throws QuadrantError `INPUT_INVALID` when the file is missing, `ARTEFACT_INVALID` for a bad line
 */
export function readResults(path: string): CellResult[] {
  if (!existsSync(path)) throw new QuadrantError('INPUT_INVALID', `${path}: file not found; give a results.jsonl written by 'quadrant bench' or 'quadrant reproduce'`);
  const lines = readFileSync(path, 'utf8').split('\n');
  const results: CellResult[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const isLast = index === lines.length - 1;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      if (isLast) return;
      throw new QuadrantError('ARTEFACT_INVALID', `${path}:${index + 1}: not a JSON line`);
    }
    const parsed = cellResultSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new QuadrantError('ARTEFACT_INVALID', `${path}:${index + 1}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    results.push(parsed.data);
  });
  return results;
}

/**
 * An append-only results file. Each result is written as one line the moment its cell ends
 * (appendFileSync: the line is on disk before the next cell starts), so an interrupted
 * suite loses nothing finished.
 */
export class ResultsFile {
  constructor(readonly path: string) {}

  /**
   * Prepares the file: `fresh` empties it; otherwise a trailing partial line from an
   * interrupted write is cut off so the next append starts on a line of its own.
   */
  open(fresh: boolean): CellResult[] {
    mkdirSync(dirname(this.path), { recursive: true });
    if (fresh || !existsSync(this.path)) {
      writeFileSync(this.path, '');
      return [];
    }
    const text = readFileSync(this.path, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) truncateSync(this.path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    return readResults(this.path);
  }

  append(result: CellResult): void {
    appendFileSync(this.path, `${JSON.stringify(result)}\n`);
  }
}
