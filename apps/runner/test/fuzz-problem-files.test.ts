import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mutatedFile, writeMutated } from './mutated-file.ts';
import { runInProcess } from './run-in-process.ts';
import { type QuadrantRun, runQuadrant } from './run-quadrant.ts';

// What a mutated problem file may lead to, through `quadrant solve --solver rk4` on the default
// grid (the problem's domain, 101 points, so a mutated domain needs no matching flag):
// - exit 0 when the mutation left a valid problem whose solution exists on the domain: the CSV;
// - exit 2 for everything that is not a valid problem: one line that starts with the file's path;
// - exit 1 only for a valid problem whose solution is not finite inside the domain (say `y^2`
//   with y(0) = 100 blows up at t = 0.01): one line naming the equation and t. That is the
//   documented exit code of a failed run, not bad input: the file is fine, the solution is not.
// Never a stack trace, a second line, another exit code, or a hang.

const bases: Record<string, unknown>[] = [
  {
    name: 'decay',
    description: "y' = -k y",
    parameters: { k: 0.5 },
    equations: { "y'": '-k*y' },
    initial: { y: 1 },
    domain: [0, 2],
    exact: { y: 'exp(-k*t)' },
  },
  {
    name: 'oscillator',
    parameters: { omega: 2, zeta: { value: 0.1 } },
    equations: { "y''": "-2*zeta*omega*y' - omega^2*y" },
    initial: { y: 1, "y'": 0 },
    domain: [0, 3],
    invariants: { energy: "y'^2/2 + omega^2*y^2/2" },
  },
  {
    name: 'predator-prey',
    independent: 's',
    parameters: { a: 1, b: { guess: 0.5, learn: true, value: 0.4 } },
    equations: { "x'": 'a*x - b*x*y', "y'": '-y + x*y/2' },
    initial: { x: 1, y: 0.5 },
    domain: [0, 1],
    data: { t: [0, 0.5, 1], x: [1, 1.2, 1.3] },
  },
];

const problemFile = mutatedFile(bases);

type Outcome = 'solved' | 'refused' | 'failed';

/** Checks one run against the contract above and says which outcome it was. */
function outcomeOf(run: QuadrantRun, path: string): Outcome {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  if (run.exitCode === 0) {
    expect(run.stderr).toBe('');
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(102);
    return 'solved';
  }
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  if (run.exitCode === 2) {
    expect(lines[0]!.startsWith(`error: ${path}: `)).toBe(true);
    return 'refused';
  }
  expect(run.exitCode).toBe(1);
  expect(lines[0]).toMatch(/^error: rk4: rhs of \S+' is not finite at t = /);
  return 'failed';
}

const folder = mkdtempSync(join(tmpdir(), 'quadrant-fuzz-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const solveArgs = (path: string) => ['solve', '--problem', path, '--solver', 'rk4'];

describe('mutated problem files are refused with exit 2 and one line naming the file, or solved', () => {
  it('10^4 mutations, in-process through main', async () => {
    const counts: Record<Outcome, number> = { solved: 0, refused: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(problemFile, async (mutated) => {
        const { content, extension } = writeMutated(mutated);
        const path = join(folder, `problem${extension}`);
        writeFileSync(path, content);
        counts[outcomeOf(await runInProcess(solveArgs(path)), path)]++;
      }),
      { seed: 1, numRuns: 10_000 },
    );
    // Every outcome occurs, so each branch of the contract was checked, and most mutations are refused.
    expect(counts.solved).toBeGreaterThan(100);
    expect(counts.failed).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(5000);
  });

  it.each([
    ['a 10 MB description', (text: string) => text.replace('"description":"', `"description":"${'d'.repeat(10_000_000)}`), 'solved'],
    ['a 10 MB expression', (text: string) => text.replace('"-k*y"', `"${'y+'.repeat(5_000_000)}y"`), 'characters per expression'],
    ['a 10 MB equation key', (text: string) => text.replace('"y\'"', `"${'y'.repeat(10_000_000)}'"`), 'characters per name'],
    ['a 10 MB initial key', (text: string) => text.replace('"initial":{', `"initial":{"${'y'.repeat(10_000_000)}":1,`), 'characters per name'],
    ['a 10 MB exact key', (text: string) => text.replace('"exact":{', `"exact":{"${'y'.repeat(10_000_000)}":"t",`), 'characters per name'],
    ['a 10 MB name', (text: string) => text.replace('"decay"', `"${'n'.repeat(10_000_000)}"`), 'solved'],
    [
      'a parameter nested 10^5 levels deep',
      (text: string) => text.replace('0.5', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      'parameters.k: expected a number',
    ],
  ] as const)('%s', async (_, grow, expected) => {
    const path = join(folder, 'large.json');
    writeFileSync(path, grow(JSON.stringify(bases[0])));
    const run = await runInProcess(solveArgs(path));
    const outcome = outcomeOf(run, path);
    if (expected === 'solved') expect(outcome).toBe('solved');
    else expect(run.stderr).toContain(expected);
    // One line, and a short one: the message quotes no megabytes back.
    expect(run.stderr.length).toBeLessThan(1000);
  });

  it('a sample through the built CLI behaves the same at the process level', async () => {
    const sample = fc.sample(problemFile, { seed: 2, numRuns: 8 });
    const runs = sample.map((mutated, index) => {
      const { content, extension } = writeMutated(mutated);
      const path = join(folder, `sample-${index}${extension}`);
      writeFileSync(path, content);
      return { path, mutated };
    });
    // Two at a time: the machine has two cores.
    for (let i = 0; i < runs.length; i += 2) {
      await Promise.all(
        runs.slice(i, i + 2).map(async ({ path }) => {
          const [child, inProcess] = [await runQuadrant(solveArgs(path)), await runInProcess(solveArgs(path))];
          expect(outcomeOf(child, path)).toBe(outcomeOf(inProcess, path));
          expect(child.exitCode).toBe(inProcess.exitCode);
        }),
      );
    }
  });
});
