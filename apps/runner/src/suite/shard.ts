import { createHash } from 'node:crypto';
import { QuadrantError } from '@quadrant/spec';
import type { ShardTag } from '../results/cell-result.ts';

/** Shards a suite may be split into: far more than any array job has tasks. */
export const shardCountLimit = 100_000;

/** Part `index` of `count` of a suite (`--shard 2/8`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * A `--shard i/n` flag: part i of n, from 1.
 * @throws QuadrantError `INPUT_INVALID` naming the flag
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match === null ? [Number.NaN, Number.NaN] : [Number(match[1]), Number(match[2])];
  if (!(index >= 1 && index <= count && count <= shardCountLimit)) {
    throw new QuadrantError(
      'INPUT_INVALID',
      `--shard ${text}: expected i/n with 1 ≤ i ≤ n ≤ ${shardCountLimit}, e.g. --shard 2/8 (array jobs: --shard $((SLURM_ARRAY_TASK_ID + 1))/$SLURM_ARRAY_TASK_COUNT)`,
    );
  }
  return { index, count };
}

/**
 * The cells of one shard: every `count`-th cell of the suite in suite order, starting from the
 * `index`-th. Suite order is fixed by the suite file, so a shard is the same cells on every
 * machine and on every resume, and the shards' sizes differ by at most one.
 */
export function shardCells<T>(cells: readonly T[], shard: Shard): T[] {
  return cells.filter((_, position) => position % shard.count === shard.index - 1);
}

/** The tag of a shard of the suite whose cells have `ids` (all of them, before sharding). */
export function shardTag(shard: Shard, ids: readonly string[]): ShardTag {
  const suite = createHash('sha256')
    .update([...ids].sort().join('\n'))
    .digest('hex')
    .slice(0, 12);
  return { index: shard.index, count: shard.count, suite };
}
