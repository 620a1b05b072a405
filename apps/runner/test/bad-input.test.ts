import { describe, expect, it } from 'vitest';
import { fixture, runQuadrant } from './run-quadrant.ts';

// Each bad problem file, and what the one-line message must name besides the file.
const badProblemFiles: [file: string, expected: string][] = [
  ['invalid-json.json', 'invalid JSON at line 2'],
  ['invalid-yaml.yaml', 'invalid YAML at line 4'],
  ['unknown-symbol.json', `unknown symbol 'omga' (did you mean 'omega'?)`],
  ['syntax-error.json', 'syntax error at character'],
  ['missing-initial.json', `initial["y'"]: missing`],
  ['extra-initial.json', `initial.z: 'z' is not an unknown`],
  ['reversed-domain.yaml', 'domain: start 5 is after end 0'],
  ['empty-domain.json', 'domain: start and end are both 2'],
  ['non-numeric-parameter.json', 'parameters.k: expected a number'],
  ['unknown-twice.json', "'y' is defined twice"],
  ['exact-unknown-symbol.json', "exact.y: unknown symbol 'lambda'"],
];

describe('bad input is refused with exit code 2 and one line naming what is wrong', () => {
  it.each(badProblemFiles)('%s', async (file, expected) => {
    for (const command of [['solve'], ['run', '--quadrant', 'solver']]) {
      const { exitCode, stderr, stdout } = await runQuadrant([...command, '--problem', fixture(file)]);
      expect(exitCode).toBe(2);
      expect(stderr).toContain(file);
      expect(stderr).toContain(expected);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    }
  });

  it.each([
    [['solve', '--problem', 'exponential-decy'], "no such problem 'exponential-decy'", "did you mean 'exponential-decay'"],
    [['solve', '--problem', 'exponential-decay', '--solver', 'rk5'], "'rk5'", "did you mean 'rk4'"],
    [['solve', '--problem', 'exponential-decay', '--grid', '0:5'], '--grid 0:5', 'start:end:points'],
    [['run', '--problem', 'exponential-decay', '--quadrant', 'pinns'], "'pinns'", "did you mean 'pinn'"],
    [['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--architecture', 'mpl'], "'mpl'", "did you mean 'mlp'"],
    [['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--epochs', 'many'], '--epochs many', 'integer'],
    [['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--plugin', './no-such-plugin.js'], 'no-such-plugin.js', ''],
    [['bench', '--suite', 'defualt'], "no suite named 'defualt'", "did you mean 'default'"],
    [['report', 'no-such-results.jsonl'], 'no-such-results.jsonl', 'file not found'],
    [['solve'], "required option '--problem", ''],
  ])('quadrant %j', async (args, first, second) => {
    const { exitCode, stderr } = await runQuadrant(args);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(first);
    expect(stderr).toContain(second);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
