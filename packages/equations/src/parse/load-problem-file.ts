import { QuadrantError, type Problem } from '@quadrant/spec';
import { readProblemText } from './read-problem-text.ts';

/**
 * Loads a problem file (`.json`, `.yaml` or `.yml`) from disk.
 * @param path - the path as the user gave it; messages name it so
 * @throws QuadrantError `INPUT_INVALID` when the file cannot be read (not found, a directory),
 *   `PROBLEM_INVALID` when its content is not a valid problem
 */
export async function loadProblemFile(path: string): Promise<Problem> {
  // Imported here rather than at the top, so the main entry also loads where there is no file system (a browser).
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause =
      code === 'ENOENT'
        ? 'file not found; give the path of a .json or .yaml problem file, or the name of a built-in problem'
        : code === 'EISDIR'
          ? 'is a directory; give the path of a .json or .yaml problem file'
          : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    throw new QuadrantError('INPUT_INVALID', `${path}: ${cause}`, { cause: error });
  }
  return readProblemText(text, path);
}
