import { existsSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { loadProblemFile } from '@quadrant/equations';
import type { Problem } from '@quadrant/spec';
import type { Registry } from '@quadrant/train';

const problemFileExtensions = new Set(['.json', '.yaml', '.yml']);

/**
 * A problem named on the command line or in a suite: a registry name (`exponential-decay`)
 * or a path to a problem file, relative to `baseDir`. Anything with a path separator or a
 * problem-file extension is read as a file, so a typo in a file name is reported as a
 * missing file rather than as an unknown problem.
 * @throws QuadrantError `NO_SUCH_ENTRY` for an unknown name, `PROBLEM_INVALID` for a bad file
 */
export async function resolveProblem(nameOrPath: string, registry: Registry, baseDir: string): Promise<Problem> {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.includes('\\') || problemFileExtensions.has(extname(nameOrPath));
  const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(baseDir, nameOrPath);
  if (looksLikePath || existsSync(path)) return loadProblemFile(path);
  return registry.problem(nameOrPath);
}
