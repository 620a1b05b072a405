import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import { parse as parseYaml } from 'yaml';

/**
 * The contents of a settings or suite file: JSON for `.json`, YAML otherwise.
 * @param flag - how the user named the file, for a missing file (`--config my.yaml`)
 * @throws QuadrantError `INPUT_INVALID` when it cannot be read, `CONFIG_INVALID` naming the
 *   file when it does not parse
 */
export function readStructuredFile(path: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new QuadrantError('INPUT_INVALID', `${flag}: file not found`);
  }
  const json = extname(path) === '.json';
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new QuadrantError('CONFIG_INVALID', `${path}: not valid ${json ? 'JSON' : 'YAML'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
