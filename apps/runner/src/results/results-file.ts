import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatZodError, QuadrantError } from '@quadrant/spec';
import { type CellResult, cellResultSchema } from './cell-result.ts';

const newline = 0x0a;

/**
 * The bytes of a results file up to and including its last newline. A line counts once its
 * newline is on disk: whatever follows the last one is a write cut short by a kill, even when
 * it happens to parse (a whole record whose newline never came), and its cell runs again.
 */
function completeLines(bytes: Buffer): Buffer {
  return bytes.subarray(0, bytes.lastIndexOf(newline) + 1);
}

/**
 * Reads a JSONL results file: one cell per newline-terminated line. Text after the last
 * newline (the process was killed while writing it) is ignored, since its cell simply runs
 * again; any other bad line is an error naming the file and line.
 * @throws QuadrantError `INPUT_INVALID` when the file is missing, `ARTEFACT_INVALID` for a bad line
 */
export function readResults(path: string): CellResult[] {
  if (!existsSync(path))
    throw new QuadrantError('INPUT_INVALID', `${path}: file not found; give a results.jsonl written by 'quadrant bench' or 'quadrant reproduce'`);
  const lines = completeLines(readFileSync(path)).toString('utf8').split('\n');
  const results: CellResult[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new QuadrantError('ARTEFACT_INVALID', `${path}:${index + 1}: not a JSON line`);
    }
    const parsed = cellResultSchema.safeParse(raw);
    if (!parsed.success) {
      throw new QuadrantError('ARTEFACT_INVALID', formatZodError(`${path}:${index + 1}`, parsed.error));
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
   * interrupted write is cut off, so it is never read as a result and the next append starts
   * on a line of its own.
   */
  open(fresh: boolean): CellResult[] {
    mkdirSync(dirname(this.path), { recursive: true });
    if (fresh || !existsSync(this.path)) {
      writeFileSync(this.path, '');
      return [];
    }
    const bytes = readFileSync(this.path);
    const complete = completeLines(bytes);
    if (complete.length < bytes.length) truncateSync(this.path, complete.length);
    return readResults(this.path);
  }

  append(result: CellResult): void {
    appendFileSync(this.path, `${JSON.stringify(result)}\n`);
  }
}
