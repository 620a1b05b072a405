import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedFile, writeMutated } from './mutated-file.ts';
import { runInProcess } from './run-in-process.ts';
import type { QuadrantRun } from './run-quadrant.ts';

const folder = mkdtempSync(join(tmpdir(), 'quadrant-hostile-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const write = (name: string, content: string): string => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

/** Exit 2 and one line, no stack trace, nothing on stdout; the line, for the caller to check. */
function refusedLine(run: QuadrantRun): string {
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

const manyUnknowns = Array.from({ length: 10_000 }, (_, i) => `u${i}`);
const run = ['run', '--problem', 'exponential-decay', '--quadrant', 'solver'];

describe('absurd sizes are refused up front, naming the limit', () => {
  // The first command of a process loads its modules, seconds on a busy machine: done here, so
  // the time below is the refusal's alone.
  beforeAll(async () => {
    expect((await runInProcess([...run, '--epochs', '10000001'])).exitCode).toBe(2);
    expect((await runInProcess(['solve', '--problem', 'exponential-decay', '--grid', '0:1:10000001'])).exitCode).toBe(2);
  });

  it.each([
    [
      'a --grid of 10^9 points',
      ['solve', '--problem', 'exponential-decay', '--grid', '0:1:1000000000'],
      '--grid 0:1:1000000000: 1000000000 points exceeds the limit of 10000000 grid points',
    ],
    ['10^9 epochs', [...run, '--epochs', '1000000000'], 'epochs: exceeds the limit of 10000000 epochs'],
    ['10^9 collocation points', [...run, '--points', '1000000000'], 'grid.points: exceeds the limit of 1000000 collocation points'],
    ['a hidden width of 10^5', [...run, '--architecture', 'mlp', '--widths', '100000'], 'mlp.hidden.0: exceeds the limit of 4096 units per layer'],
    ['1000 hidden layers', [...run, '--architecture', 'mlp', '--widths', Array(1000).fill(8).join(',')], 'mlp.hidden: exceeds the limit of 64 hidden layers'],
  ])('%s', async (_, args, expected) => {
    const started = performance.now();
    expect(refusedLine(await runInProcess(args))).toContain(expected);
    // Refused before anything of that size exists: no allocation, no training.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['epochs', { epochs: 1e9 }, 'epochs: exceeds the limit of 10000000 epochs'],
    ['an optimiser phase', { optimisers: [{ name: 'adam', epochs: 1e9 }] }, 'optimisers.0.epochs: exceeds the limit of 10000000 epochs'],
    ['marching windows', { strategy: { name: 'marching', windows: 1e9 } }, 'strategy.windows: exceeds the limit of 1000 windows'],
    ['the verdict grid', { verdict: { density: 1e9 } }, 'verdict.density: exceeds the limit of 100 verdict points per collocation point'],
    [
      'residual blocks',
      { architecture: { name: 'residual-mlp', options: { blocks: 1e6 } } },
      'residual-mlp.blocks: exceeds the limit of 32 blocks (64 hidden layers)',
    ],
    [
      'Fourier features',
      { architecture: { name: 'fourier-mlp', options: { features: 1e6 } } },
      'fourier-mlp.features: exceeds the limit of 4096 units per layer',
    ],
    [
      'adaptive candidates',
      { sampler: { name: 'residual-adaptive', options: { candidates: 1e9 } } },
      'residual-adaptive.candidates: exceeds the limit of 1000000 collocation points',
    ],
  ])('%s in a settings file', async (_, settings, expected) => {
    const config = write('limits.json', JSON.stringify(settings));
    expect(refusedLine(await runInProcess([...run, '--config', config]))).toContain(expected);
  });

  it.each([
    [
      '10^4 unknowns',
      {
        equations: Object.fromEntries(manyUnknowns.map((name) => [`${name}'`, `-${name}`])),
        initial: Object.fromEntries(manyUnknowns.map((name) => [name, 1])),
      },
      'equations: 10000 unknowns is over the limit of 64 unknowns per problem',
    ],
    [
      'an unknown of order 10^5',
      { equations: { [`y${"'".repeat(100_000)}`]: '-y' }, initial: { y: 1 } },
      'order 100000 is over the limit of order 8 per unknown',
    ],
    [
      '10^7 observations',
      { equations: { "y'": '-y' }, initial: { y: 1 }, data: { t: Array(10_000_001).fill(0), y: [0] } },
      'data.t: more than the limit of 1000000 observations',
    ],
  ])('a problem file with %s', async (_, problem, expected) => {
    const path = write('large-problem.json', JSON.stringify({ name: 'large', domain: [0, 1], ...problem }));
    const line = refusedLine(await runInProcess(['solve', '--problem', path]));
    expect(line).toContain(`${path}: `);
    expect(line).toContain(expected);
  });
});

describe('plugin modules that fail are refused with exit 2 and one line naming the module', () => {
  it.each([
    ['throws-on-import.mjs', "throw new Error('plugin set-up failed\\n  with a second line');", 'the module failed to load: plugin set-up failed'],
    // Under the test runner the loader words a syntax error its own way; bad-input.test.ts sees Node's.
    ['syntax-error.mjs', 'export default { name: ;', 'the module failed to load: '],
    ['exports-garbage.mjs', 'export default 42;', 'default export is number, not a plugin'],
    ['exports-no-entries.mjs', "export default { specVersion: 'v1', name: 'empty', architectures: [null] };", 'default export: architectures[0] has no name'],
  ])('%s', async (file, source, expected) => {
    const path = write(file, source);
    const line = refusedLine(await runInProcess(['solve', '--problem', 'exponential-decay', '--plugin', path]));
    expect(line).toContain(`plugin ${path}`);
    expect(line).toContain(expected);
  });
});

// Both fuzzers below stop every valid input at a known point after validation, so nothing
// trains: `bench` opens its results file after validating every cell, and one that holds a
// line that is not JSON is refused; `run` loads `--resume` after the settings, and a folder
// without a model is refused. A mutation that stays valid ends there; any other must be
// refused earlier, with one line.

const suiteBase = {
  name: 'hostile',
  description: 'cells that train for seconds if anything lets them through',
  problems: ['exponential-decay', 'linear-growth'],
  methods: ['solver', 'rk4'],
  architectures: [{ name: 'mlp', options: { hidden: [4] } }],
  settings: [{ epochs: 5, sampler: { name: 'grid', options: { points: 8 } } }],
  solverOptions: { rk4: { steps: 10 } },
  seeds: [0, 1],
  extra: [{ method: 'solver', preset: 'article' }],
  observations: { points: 4, fraction: 0.5, noise: 0 },
  evaluationPoints: 11,
};

describe('mutated suite files fail at validation, before any training', () => {
  it('10^3 mutations through bench, in-process', async () => {
    const out = join(folder, 'bench');
    mkdirSync(out);
    const results = write('bench/results.jsonl', 'not a result\n');
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(mutatedFile([suiteBase]), async (mutated) => {
        const { content, extension } = writeMutated(mutated);
        const line = refusedLine(await runInProcess(['bench', '--suite', write(`suite${extension}`, content), '--out', out]));
        if (line === `error: ${results}:1: not a JSON line`) valid++;
      }),
      { seed: 1, numRuns: 1000 },
    );
    // Some mutations stay valid (a changed description, another seed), so the stop point is reached.
    expect(valid).toBeGreaterThan(10);
  });
});

const settingsBase = {
  epochs: 5,
  architecture: { name: 'mlp', options: { hidden: [4, 4], activation: 'tanh' } },
  sampler: { name: 'jittered-grid', options: { points: 8, sigma: 0.1 } },
  optimisers: [{ name: 'adam', epochs: 2, options: { learningRate: 0.01 } }, { name: 'lbfgs' }],
  losses: { residual: { weight: 1 }, 'initial-condition': { weight: 1 } },
  strategy: { name: 'single' },
  verdict: { tolerance: 0.001, density: 4 },
  stop: { plateau: { patience: 10 } },
};

describe('mutated settings files fail at validation, before any training', () => {
  it('10^3 mutations through run --config, in-process', async () => {
    const missingModel = join(folder, 'no-model');
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(mutatedFile([settingsBase]), async (mutated) => {
        const { content, extension } = writeMutated(mutated);
        const settings = write(`settings${extension}`, content);
        const line = refusedLine(await runInProcess([...run, '--config', settings, '--resume', missingModel]));
        if (line.startsWith(`error: ${join(missingModel, 'model.json')}: missing`)) valid++;
        // Every other refusal names the settings file, whatever is wrong in it.
        else expect(line).toContain(`${settings}: `);
      }),
      { seed: 1, numRuns: 1000 },
    );
    expect(valid).toBeGreaterThan(10);
  });
});

describe('settings and suite files are read as problem files are', () => {
  it.each([
    ['a key given twice', 'epochs: 5\nepochs: 6\n', 'duplicate key at line 2, column 1: each key may appear once in an object'],
    ['a name that is not registered', 'architecture: { name: mpl }\n', "no such architecture 'mpl'"],
    ['a file over the size limit', `description: "${'x'.repeat(32_000_001)}"\n`, 'bytes exceeds the limit of 32000000 characters for a settings or suite file'],
  ])('%s in a settings file is refused naming the file', async (_, content, expected) => {
    const settings = write('named.yaml', content);
    const line = refusedLine(await runInProcess([...run, '--config', settings]));
    expect(line).toContain(`${settings}: `);
    expect(line).toContain(expected);
  });

  it('a bad setting in a suite cell names the suite and the cell', async () => {
    const suite = write('named-suite.yaml', 'name: named\nproblems: [exponential-decay]\nmethods: [solver]\nsettings: [{ epochs: 0 }]\n');
    expect(refusedLine(await runInProcess(['bench', '--suite', suite, '--out', join(folder, 'named-out')]))).toMatch(
      /^error: named: exponential-decay × solver: settings \(preset 'solver'\): epochs: /,
    );
  });
});
