import { describe, expect, it } from 'vitest';
import { parseProblem } from './parse-problem.ts';
import { problemToFile } from './problem-to-file.ts';
import { readProblemText } from './read-problem-text.ts';

const bundle = {
  name: 'oscillator-bundle',
  parameters: { omega: { range: [1, 3] }, c: { range: [0, 1], value: 0.2 }, k: 2 },
  equations: { "y''": "-omega^2*y - c*y' + 0*k" },
  initial: { y: { range: [0.5, 1.5] }, "y'": 0 },
  domain: [0, 5],
};

const messageFor = (change: Record<string, unknown>): string => {
  try {
    readProblemText(JSON.stringify({ ...bundle, ...change }), 'problem.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('ranges of parameters and initial values (bundles)', () => {
  it('keeps each range, and the value a single run uses: the given value, else the middle', () => {
    const problem = parseProblem(bundle, 'problem.json');
    expect(problem.parameters.omega).toEqual({ value: undefined, guess: 2, learn: false, range: [1, 3] });
    expect(problem.parameters.c).toEqual({ value: 0.2, guess: 0.2, learn: false, range: [0, 1] });
    expect(problem.parameters.k).toEqual({ value: 2, guess: 2, learn: false });
    expect(problem.initial.y).toEqual([1, 0]);
    expect(problem.initialRanges).toEqual({ y: [0.5, 1.5] });
  });

  it('writes ranges back as ranges: the file of the problem parses to the same problem', () => {
    const problem = parseProblem(bundle, 'problem.json');
    const again = parseProblem(problemToFile(problem), 'problem.json');
    expect({ ...again, origin: '' }).toEqual({ ...problem, origin: '' });
  });

  it('leaves problems without ranges as they were: no initialRanges', () => {
    const problem = parseProblem({ ...bundle, parameters: { omega: 1, c: 0, k: 2 }, initial: { y: 1, "y'": 0 } }, 'problem.json');
    expect(problem.initialRanges).toBeUndefined();
    expect(problem.parameters.omega!.range).toBeUndefined();
  });

  it('refuses a reversed or empty range, a value outside it, and a range that is not two numbers, naming the field', () => {
    expect(messageFor({ parameters: { omega: { range: [3, 1] }, c: 0, k: 2 } })).toBe('problem.json: parameters.omega.range: expected low < high, got [3, 1]');
    expect(messageFor({ parameters: { omega: { range: [1, 3], value: 4 }, c: 0, k: 2 } })).toBe(
      'problem.json: parameters.omega.value: 4 is outside the range [1, 3]',
    );
    expect(messageFor({ initial: { y: { range: [1] }, "y'": 0 } })).toMatch(/^problem\.json: initial\.y/);
    expect(messageFor({ initial: { y: { range: [1, 1] }, "y'": 0 } })).toBe('problem.json: initial.y.range: expected low < high, got [1, 1]');
  });
});
