import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, shardCells, shardTag } from './shard.ts';

describe('shards of a suite', () => {
  it('split every suite into disjoint parts that together are the suite, in suite order, sizes within one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 40 }), (cells, count) => {
        const suite = Array.from({ length: cells }, (_, i) => i);
        const parts = Array.from({ length: count }, (_, i) => shardCells(suite, { index: i + 1, count }));
        expect(parts.flat().sort((a, b) => a - b)).toEqual(suite);
        for (const part of parts) expect(part).toEqual([...part].sort((a, b) => a - b));
        const sizes = parts.map((part) => part.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('tag the suite by its cells, not by their order', () => {
    expect(shardTag({ index: 1, count: 3 }, ['a', 'b', 'c'])).toEqual(shardTag({ index: 1, count: 3 }, ['c', 'a', 'b']));
    expect(shardTag({ index: 1, count: 3 }, ['a', 'b', 'c']).suite).not.toBe(shardTag({ index: 1, count: 3 }, ['a', 'b', 'd']).suite);
  });

  it.each([
    ['2/8', { index: 2, count: 8 }],
    ['1/1', { index: 1, count: 1 }],
  ])('--shard %s is read', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it.each(['0/3', '4/3', '1/0', '2', 'a/b', '1.5/3', '-1/3', '1/1000000'])('--shard %s is refused naming the flag', (text) => {
    expect(() => parseShard(text)).toThrow(`--shard ${text}: expected i/n with 1 ≤ i ≤ n ≤ 100000`);
  });
});
