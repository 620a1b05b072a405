import type { Problem } from '@quadrant/spec';
import { parseProblem } from './parse-problem.ts';
import { readStructuredText, textFormat } from './read-structured-text.ts';

/**
 * Reads a problem file's text, JSON or YAML (by the extension of `origin`, else by content),
 * and validates it.
 * @param origin - the file's path as the user gave it: the front of every message
 * @throws QuadrantError `PROBLEM_INVALID`: `origin: invalid JSON at line L, column C: …`,
 *   or `origin: field: cause` from {@link parseProblem}
 */
export function readProblemText(text: string, origin: string): Problem {
  return parseProblem(readStructuredText(text, textFormat(text, origin), origin), origin);
}
