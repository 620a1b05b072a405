import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readStructuredText, textFormat, textLimits } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';

/**
 * The contents of a settings or suite file, JSON or YAML (by extension, else by content), read
 * as problem files are: duplicate keys refused, errors with line and column, and a file larger
 * than the format allows refused before it is read into memory.
 * @param flag - how the user named the file, for a missing file (`--config my.yaml`)
 * @throws QuadrantError `INPUT_INVALID` when it cannot be read, `CONFIG_INVALID` naming the
 *   file when it is too large or does not parse
 */
export function readStructuredFile(path: string, flag: string): unknown {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    throw new QuadrantError('INPUT_INVALID', `${flag}: file not found`);
  }
  try {
    // Bytes bound characters from above, so a file within the JSON limit may be read and measured.
    const bytes = fstatSync(descriptor).size;
    if (bytes > textLimits.json)
      throw new QuadrantError('CONFIG_INVALID', `${path}: ${bytes} bytes exceeds the limit of ${textLimits.json} characters for a settings or suite file`);
    const text = readFileSync(descriptor, 'utf8');
    return readStructuredText(text, textFormat(text, path), path, 'CONFIG_INVALID');
  } finally {
    closeSync(descriptor);
  }
}
