import type { Problem } from '@quadrant/spec';
import type { ProblemFile } from '../schema/problem-file-schema.ts';
import { parseProblem } from './parse-problem.ts';

/**
 * A problem written in TypeScript: the same fields as a problem file, typed, validated at
 * once. `defineProblem({ name: 'decay', description: 'dy/dt = -k y', parameters: { k: 1 },
 * equations: { "y'": '-k*y' }, initial: { y: 1 }, domain: [0, 5] })`.
 * @param origin - where messages say the problem comes from; the problem's name by default
 * @throws QuadrantError `PROBLEM_INVALID` with the message `origin: field: cause`
 */
export function defineProblem(file: ProblemFile, origin?: string): Problem {
  // Plain JavaScript callers may pass anything; the schema then says what is wrong with it.
  const name: unknown = (file as { name?: unknown } | null)?.name;
  return parseProblem(file, origin ?? (typeof name === 'string' && name !== '' ? name : 'defineProblem'));
}
