import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CellResult, cellResultSchema } from '../src/results/cell-result.ts';
import { runQuadrant } from './run-quadrant.ts';

const suite = fileURLToPath(new URL('./suites/determinism.yaml', import.meta.url));
// 2 problems × (pinn, solver).
const cellCount = 4;

type Untimed = Omit<CellResult, 'seconds' | 'startedAt'>;

/** Cells by id, without the fields that record when and how long. */
const untimed = (cells: readonly CellResult[]): Map<string, Untimed> =>
  new Map(
    cells.map((cell) => {
      const { seconds: _seconds, startedAt: _startedAt, ...rest } = cell;
      return [rest.id, rest];
    }),
  );

const readCells = (path: string): CellResult[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => cellResultSchema.parse(JSON.parse(line)));

/** `bench` of the suite in a process of its own; its results file. */
async function bench(args: readonly string[]): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'quadrant-determinism-'));
  const { exitCode, stderr } = await runQuadrant(['bench', '--suite', suite, '--out', out, ...args]);
  expect(exitCode, stderr).toBe(0);
  return join(out, 'results.jsonl');
}

/** Every cell of `other` equals its twin in `first`, field by field, so a difference names the field; numbers exactly (NaN and -0 included). */
function expectSameCells(label: string, first: Map<string, Untimed>, other: Map<string, Untimed>): void {
  expect([...other.keys()].sort(), label).toEqual([...first.keys()].sort());
  for (const [id, cell] of first) {
    const where = `${label}: ${cell.problem} × ${cell.method} seed ${cell.seed}`;
    const again = other.get(id)!;
    for (const field of Object.keys(cell) as (keyof typeof cell)[]) expect(again[field], `${where}: ${field}`).toStrictEqual(cell[field]);
    expect(Object.keys(again).sort(), where).toEqual(Object.keys(cell).sort());
  }
}

describe('the same suite in separate processes', () => {
  it('gives bit-identical results on one backend with one worker twice, with two workers, and split into shards', async () => {
    // Two workers split the cells between two engines in another order than one worker runs them,
    // so state carried from one cell to the next would show here too; so would shards, each a process.
    const [firstFile, secondFile, parallelFile, ...shardFiles] = await Promise.all([
      bench(['--workers', '1']),
      bench(['--workers', '1']),
      bench(['--workers', '2']),
      ...[1, 2, 3].map((index) => bench(['--workers', '1', '--shard', `${index}/3`])),
    ]);
    const first = untimed(readCells(firstFile!));
    expect(first.size).toBe(cellCount);
    expect([...first.values()].filter((cell) => cell.history.epoch.length > 0)).toHaveLength(cellCount);
    expectSameCells('a second process with --workers 1', first, untimed(readCells(secondFile!)));
    expectSameCells('--workers 2', first, untimed(readCells(parallelFile!)));

    // Each shard ran its own cells (2, 1 and 1 of the 4), tagged with its part of the suite.
    const shards = shardFiles.map(readCells);
    expect(shards.map((cells) => cells.length)).toEqual([2, 1, 1]);
    expect(shards.map((cells) => cells.map((cell) => `${cell.shard!.index}/${cell.shard!.count}`))).toEqual([['1/3', '1/3'], ['2/3'], ['3/3']]);
    const merged = shards.flat().map(({ shard: _shard, ...cell }) => cell);
    expectSameCells('shards 1/3, 2/3 and 3/3', first, untimed(merged));

    // `quadrant report` merges the shards into one run of the suite, as the unsharded run's report has it.
    const out = mkdtempSync(join(tmpdir(), 'quadrant-shards-report-'));
    const report = await runQuadrant(['report', ...shardFiles, '--out', out, '--threads', '1']);
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).toContain('determinism (3 shards)');
    expect(report.stdout.match(/^(exponential-decay|logistic-growth)\s+(pinn|solver)/gm)).toHaveLength(cellCount);
    // A missing shard is named; a shard of another split is refused, naming both files.
    const partial = await runQuadrant(['report', shardFiles[0]!, shardFiles[2]!, '--out', out, '--threads', '1']);
    expect(partial.exitCode).toBe(0);
    expect(partial.stderr).toContain("warning: suite 'determinism': shard 2 of 3 not given");
    const otherSplit = join(mkdtempSync(join(tmpdir(), 'quadrant-other-split-')), 'results.jsonl');
    writeFileSync(otherSplit, readFileSync(shardFiles[1]!, 'utf8').replaceAll('"count":3', '"count":4'));
    const refused = await runQuadrant(['report', shardFiles[0]!, otherSplit, '--out', out]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `error: cannot merge ${otherSplit} (shard 2/4 of suite 'determinism' (cells ${shards[0]![0]!.shard!.suite})) with ${shardFiles[0]} (shard 1/3 of suite 'determinism' (cells ${shards[0]![0]!.shard!.suite})): different splits`,
    );
  });

  it('a shard refuses a results folder of another shard, naming both', async () => {
    const file = await bench(['--workers', '1', '--shard', '3/3']);
    const out = join(file, '..');
    const again = await runQuadrant(['bench', '--suite', suite, '--out', out, '--shard', '2/3']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(
      new RegExp(
        `^error: ${file.replaceAll('/', '\\/')}: holds results of shard 3/3 of suite cells \\w+, and this is shard 2/3 of suite cells \\w+; give each shard its own --out, or --fresh to start over\\n$`,
      ),
    );
  });
});
