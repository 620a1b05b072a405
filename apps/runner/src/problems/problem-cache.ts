import { resolve } from 'node:path';
import type { Problem } from '@quadrant/spec';
import type { Registry } from '@quadrant/train';
import { resolveProblem } from './resolve-problem.ts';

/** Resolves each problem name or file once per batch, however many cells share it. */
export function problemCache(registry: Registry): { resolve(nameOrPath: string, baseDir: string): Promise<Problem> } {
  const cache = new Map<string, Promise<Problem>>();
  return {
    resolve(nameOrPath, baseDir) {
      const key = resolve(baseDir, nameOrPath);
      let problem = cache.get(key);
      if (problem === undefined) {
        problem = resolveProblem(nameOrPath, registry, baseDir);
        cache.set(key, problem);
      }
      return problem;
    },
  };
}
