import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from './run-in-process.ts';
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
  ['singular-at-start.json', `equations["y'"]: is NaN at the initial values (t = 0, y = 1)`],
];

// A module that does not parse, written at test time: as a file of the repository it would fail the linter too.
const plugins = mkdtempSync(join(tmpdir(), 'quadrant-plugins-'));
afterAll(() => rmSync(plugins, { recursive: true, force: true }));
const syntaxErrorPlugin = join(plugins, 'syntax-error.mjs');
writeFileSync(syntaxErrorPlugin, 'export default { name: ;\n');

describe('bad input is refused with exit code 2 and one line naming what is wrong', () => {
  it.each(badProblemFiles)('%s', async (file, expected) => {
    // `solve` as a process of its own (what the shell sees), `run` through the same main in this process.
    for (const [command, runs] of [
      [['solve'], runQuadrant],
      [['run', '--quadrant', 'solver'], runInProcess],
    ] as const) {
      const { exitCode, stderr, stdout } = await runs([...command, '--problem', fixture(file)]);
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
    [
      ['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--plugin', './no-such-plugin.js'],
      'plugin ./no-such-plugin.js',
      'cannot find the module',
    ],
    [
      ['solve', '--problem', 'exponential-decay', '--plugin', syntaxErrorPlugin],
      `plugin ${syntaxErrorPlugin}: the module failed to load`,
      "Unexpected token ';'",
    ],
    [['solve', '--problem', 'exponential-decay', '--grid', '0:1:1000000000'], '--grid 0:1:1000000000', 'exceeds the limit of 10000000 grid points'],
    [
      ['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--points', '1000000000'],
      'sampler.options: grid.points',
      'exceeds the limit of 1000000 collocation points',
    ],
    [['run', '--problem', 'exponential-decay', '--quadrant', 'pinn', '--weighting', 'relobrlo'], "no such weighting 'relobrlo'", "did you mean 'relobralo'"],
    [['bench', '--suite', 'weighting', '--weighting', 'softadpt'], "no such weighting 'softadpt'", "did you mean 'softadapt'"],
    [['bench', '--suite', 'defualt'], "no suite named 'defualt'", "did you mean 'default'"],
    [['report', 'no-such-results.jsonl'], 'no-such-results.jsonl', 'file not found'],
    [['solve'], "required option '--problem <name|file>'", 'not specified'],
  ])('quadrant %j', async (args, first, second) => {
    const { exitCode, stderr } = await runQuadrant(args);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(first);
    expect(stderr).toContain(second);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    // Singular inside the domain: the file is valid, its solution is not; the solver names the equation and t
    // (every solver does: see packages/solvers).
    ['odex', /^error: odex: the step size collapsed to \S+ at t = 0\.99\d* \(rhs of y' = \d/],
    ['rk4', /^error: rk4: rhs of y' is not finite at t = 1 \(Infinity\)/],
  ])("y' = 1/(1 - t) over [0, 2] stops %s at t = 1 with the equation named: exit 1, one line", async (solver, expected) => {
    const { exitCode, stderr, stdout } = await runQuadrant(['solve', '--problem', fixture('singular-inside.json'), '--solver', solver]);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(expected);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });
});
