import { describe, expect, it } from 'vitest';
import type { CellResult } from '../results/cell-result.ts';
import { classicalCell } from '../results/cell-result.fixture.ts';
import { mergeShards } from './merge-shards.ts';

const shard =
  (index: number, count: number, suite = 'cafe01', name = 'test') =>
  (id: string) =>
    classicalCell(id, { suite: name, shard: { index, count, suite } });
const file = (path: string, cells: CellResult[]) => ({ path, label: path, cells });

describe('merging the shards of a suite', () => {
  it('makes one run of the shards of one suite and keeps other files as runs of their own', () => {
    const { runs, warnings } = mergeShards([
      file('a.jsonl', ['a', 'd'].map(shard(1, 2))),
      file('whole.jsonl', [classicalCell('x')]),
      file('b.jsonl', ['b', 'c'].map(shard(2, 2))),
    ]);
    expect(runs.map((run) => [run.label, run.cells.map((cell) => cell.id)])).toEqual([
      ['test (2 shards)', ['a', 'd', 'b', 'c']],
      ['whole.jsonl', ['x']],
    ]);
    expect(warnings).toEqual([]);
  });

  it('names the shards that are missing', () => {
    const { runs, warnings } = mergeShards([file('a.jsonl', ['a'].map(shard(1, 4))), file('c.jsonl', ['c'].map(shard(3, 4)))]);
    expect(runs).toHaveLength(1);
    expect(warnings).toEqual(["suite 'test': shards 2, 4 of 4 not given; the report shows the other shards' cells"]);
  });

  it.each([
    ['of another suite', shard(2, 2, 'cafe01', 'other'), 'different suites'],
    ['of other settings', shard(2, 2, 'beef02'), 'different cells (the suite file or its settings changed between them)'],
    ['of another split', shard(2, 3), 'different splits'],
    ['given twice', shard(1, 2), 'the same shard twice'],
  ])('refuses a shard %s, naming both files and the mismatch', (_, second, mismatch) => {
    expect(() => mergeShards([file('a.jsonl', ['a'].map(shard(1, 2))), file('b.jsonl', ['b'].map(second))])).toThrow(
      new RegExp(
        `^cannot merge b\\.jsonl \\(shard \\d/\\d of suite '\\w+' \\(cells \\w+\\)\\) with a\\.jsonl \\(shard 1/2 of suite 'test' \\(cells cafe01\\)\\): ${mismatch.replace(/[()]/g, '\\$&')}$`,
      ),
    );
  });

  it('refuses a file that mixes shards', () => {
    expect(() => mergeShards([file('a.jsonl', [shard(1, 2)('a'), shard(2, 2)('b')])])).toThrow(
      "a.jsonl: mixes results of shard 1/2 of suite 'test' (cells cafe01) and of shard 2/2 of suite 'test' (cells cafe01); each shard writes a results file of its own",
    );
  });
});
