import { QuadrantError } from '@quadrant/spec';
import type { ReportRun } from './render-report.ts';
import type { CellResult, ShardTag } from '../results/cell-result.ts';

/** A results file as read: its path (for messages and labels) and its cells. */
export interface ResultsOfFile {
  readonly path: string;
  readonly label: string;
  readonly cells: readonly CellResult[];
}

const describeShard = (tag: ShardTag, suite: string) => `shard ${tag.index}/${tag.count} of suite '${suite}' (cells ${tag.suite})`;

/**
 * Turns results files into the report's runs: the shards of one suite (files whose lines carry
 * a shard tag, written by `bench --shard`) become one run; every other file is a run of its
 * own, set side by side. Shards that are missing are named in `warnings`; the report shows
 * the cells there are.
 * @throws QuadrantError `INPUT_INVALID` naming both files when shards of different suites, of
 *   different settings (their cells differ), of different splits or the same shard twice are
 *   given, or `ARTEFACT_INVALID` when one file mixes results of several shards
 */
export function mergeShards(files: readonly ResultsOfFile[]): { runs: ReportRun[]; warnings: string[] } {
  const runs: ReportRun[] = [];
  let merged: { first: ResultsOfFile; tag: ShardTag; suite: string; cells: CellResult[]; indices: Map<number, string> } | undefined;
  for (const file of files) {
    const tags = new Map(file.cells.map((cell) => [cell.shard === undefined ? 'none' : JSON.stringify(cell.shard), cell]));
    if (tags.size > 1) {
      const [first, second] = [...tags.values()];
      const what = (cell: CellResult) => (cell.shard === undefined ? 'a whole run' : describeShard(cell.shard, cell.suite));
      throw new QuadrantError(
        'ARTEFACT_INVALID',
        `${file.path}: mixes results of ${what(first!)} and of ${what(second!)}; each shard writes a results file of its own`,
      );
    }
    const sample = file.cells[0];
    if (sample?.shard === undefined) {
      runs.push({ label: file.label, cells: file.cells });
      continue;
    }
    const tag = sample.shard;
    if (merged === undefined) {
      merged = { first: file, tag, suite: sample.suite, cells: [], indices: new Map() };
      runs.push({ label: `${sample.suite} (${tag.count} shards)`, cells: merged.cells });
    } else {
      const mismatch =
        sample.suite !== merged.suite
          ? 'different suites'
          : tag.suite !== merged.tag.suite
            ? 'different cells (the suite file or its settings changed between them)'
            : tag.count !== merged.tag.count
              ? 'different splits'
              : merged.indices.has(tag.index)
                ? 'the same shard twice'
                : undefined;
      if (mismatch !== undefined) {
        const other = merged.indices.get(tag.index) ?? merged.first.path;
        throw new QuadrantError(
          'INPUT_INVALID',
          `cannot merge ${file.path} (${describeShard(tag, sample.suite)}) with ${other} (${describeShard(merged.tag, merged.suite)}): ${mismatch}`,
        );
      }
    }
    merged.indices.set(tag.index, file.path);
    merged.cells.push(...file.cells);
  }
  const warnings: string[] = [];
  if (merged !== undefined && merged.indices.size < merged.tag.count) {
    const missing = Array.from({ length: merged.tag.count }, (_, i) => i + 1).filter((index) => !merged.indices.has(index));
    warnings.push(
      `suite '${merged.suite}': shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${merged.tag.count} not given; the report shows the other shards' cells`,
    );
  }
  return { runs, warnings };
}
