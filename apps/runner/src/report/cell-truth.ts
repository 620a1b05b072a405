import type { CellResult, GridValues } from '../results/cell-result.ts';

/** What a cell's prediction is judged against in the charts, and its legend name. */
export interface CellTruth {
  /** 'exact' when the problem has a closed form, else 'reference' (odex at tight tolerances). */
  readonly label: 'exact' | 'reference';
  readonly grid: GridValues;
}

/** The closed form when the problem gives one, the odex reference otherwise. */
export function cellTruth(cell: CellResult): CellTruth {
  return cell.exact === undefined ? { label: 'reference', grid: cell.reference } : { label: 'exact', grid: cell.exact };
}

/**
 * The y range of each unknown's truth, widened by half its span on both sides: room to see a
 * prediction go wrong, while one that runs off to 1e6 is clipped instead of flattening the truth.
 */
export function truthRanges(truth: CellTruth): Record<string, [number, number]> {
  const ranges: Record<string, [number, number]> = {};
  for (const [name, values] of Object.entries(truth.grid.values)) {
    const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
    if (finite.length === 0) continue;
    const low = Math.min(...finite);
    const high = Math.max(...finite);
    const margin = high > low ? (high - low) / 2 : Math.max(Math.abs(high), 1) / 2;
    ranges[name] = [low - margin, high + margin];
  }
  return ranges;
}

/** A domain bound as a reader wants it in a subtitle: 6.283, not 6.283185307179586. */
export function shortNumber(value: number): string {
  return String(Number(value.toPrecision(4)));
}
