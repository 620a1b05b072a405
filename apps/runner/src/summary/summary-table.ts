import type { CellResult } from '../results/cell-result.ts';

/** One row of the summary: a problem × method × settings variant, over all its seeds. */
export interface SummaryRow {
  readonly problem: string;
  readonly method: string;
  readonly cells: number;
  readonly failed: number;
  /** Cells whose verdict is `solved`, of those that have a verdict (network cells); undefined for classical solvers. */
  readonly solved: { readonly count: number; readonly of: number } | undefined;
  readonly relativeL2InDomain: Statistic;
  readonly relativeL2Extrapolation: Statistic;
  readonly seconds: Statistic;
  /** Bundle cells: the worst and the median relative L2 over the θ grid; undefined for other methods. */
  readonly overTheta: { readonly worst: Statistic; readonly median: Statistic } | undefined;
}

/** Mean and (population) standard deviation; NaN where no finite value exists. */
export interface Statistic {
  readonly mean: number;
  readonly std: number;
}

/**
 * Groups results by problem × method × settings variant (in first-seen order) into mean ± std
 * over their cells, that is over seeds. Where one problem × method ran several variants (a
 * suite's `settings` list), each row's method names the top-level settings in which its variant
 * differs from the others: `pinn · weighting=relobralo`.
 */
export function summarise(results: readonly CellResult[]): SummaryRow[] {
  const groups = new Map<string, CellResult[]>();
  for (const result of results) {
    const key = `${result.problem}\u0000${methodLabel(result)}\u0000${variantKey(result)}`;
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  const labels = methodLabels(results);
  return [...groups.values()].map((cells) => ({
    problem: cells[0]!.problem,
    method: labels.get(cells[0]!)!,
    cells: cells.length,
    failed: cells.filter((cell) => cell.status !== 'ok').length,
    solved: solvedCount(cells),
    relativeL2InDomain: statistic(cells.map((cell) => cell.metrics.inDomain.relativeL2)),
    relativeL2Extrapolation: statistic(cells.map((cell) => cell.metrics.extrapolation.relativeL2)),
    seconds: statistic(cells.map((cell) => cell.seconds.total)),
    overTheta: overTheta(cells),
  }));
}

/** The method, with the preset it started from when that is not the method's own: `solver (article)`. */
export function methodLabel(result: Pick<CellResult, 'method' | 'preset'>): string {
  return result.preset === undefined ? result.method : `${result.method} (${result.preset})`;
}

/** The settings that make a variant: all but the seed, as stable JSON. */
function variantKey(result: CellResult): string {
  const { seed: _seed, ...rest } = result.settings;
  return stableJson(rest);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${stableJson(each)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Each cell's method label (`methodLabel`), extended by `key=value` for every top-level setting
 * (the seed aside) in which the cells of its problem × method differ: `pinn · weighting=relobralo`.
 */
export function methodLabels(results: readonly CellResult[]): Map<CellResult, string> {
  const labels = new Map<CellResult, string>();
  const byMethod = new Map<string, CellResult[]>();
  for (const cell of results) {
    const key = `${cell.problem}\u0000${methodLabel(cell)}`;
    byMethod.set(key, [...(byMethod.get(key) ?? []), cell]);
  }
  for (const cells of byMethod.values()) {
    const keys = [...new Set(cells.flatMap((cell) => Object.keys(cell.settings)))].filter((key) => key !== 'seed').sort();
    const differing = keys.filter((key) => new Set(cells.map((cell) => stableJson(cell.settings[key]))).size > 1);
    for (const cell of cells) {
      const parts = differing.map(
        (key) =>
          `${key}=${settingText(
            cell.settings[key],
            cells.map((other) => other.settings[key]),
          )}`,
      );
      labels.set(cell, [methodLabel(cell), ...parts].join(' · '));
    }
  }
  return labels;
}

/**
 * A setting as a label shows it among `all` the values it takes: a registry entry (`{ name, options }`)
 * by its name when only the names differ, anything else as JSON.
 */
function settingText(value: unknown, all: readonly unknown[]): string {
  const named = (each: unknown): each is { name: string } => typeof each === 'object' && each !== null && typeof (each as { name?: unknown }).name === 'string';
  if (named(value) && all.every(named)) {
    const rest = new Set(all.map(({ name: _name, ...others }) => stableJson(others)));
    if (rest.size === 1) return value.name;
  }
  return typeof value === 'string' ? value : stableJson(value);
}

function solvedCount(cells: readonly CellResult[]): SummaryRow['solved'] {
  const judged = cells.filter((cell) => cell.verdict !== undefined);
  if (judged.length === 0) return undefined;
  return { count: judged.filter((cell) => cell.verdict!.status === 'solved').length, of: judged.length };
}

function overTheta(cells: readonly CellResult[]): SummaryRow['overTheta'] {
  const bundles = cells.flatMap((cell) => (cell.bundle === undefined ? [] : [cell.bundle]));
  if (bundles.length === 0) return undefined;
  return { worst: statistic(bundles.map((bundle) => bundle.worst)), median: statistic(bundles.map((bundle) => bundle.median)) };
}

function statistic(values: readonly (number | null)[]): Statistic {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (finite.length === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = finite.reduce((sum, value) => sum + value, 0) / finite.length;
  const variance = finite.reduce((sum, value) => sum + (value - mean) ** 2, 0) / finite.length;
  return { mean, std: Math.sqrt(variance) };
}

/** The summary as an aligned text table: problem × method, relative L2 in the domain and past it (and over θ for bundles), seconds, cells and how many a verdict calls solved. */
export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const format = (stat: Statistic, digits: (value: number) => string, cells: number) =>
    Number.isNaN(stat.mean) ? 'n/a' : cells > 1 ? `${digits(stat.mean)} ± ${digits(stat.std)}` : digits(stat.mean);
  const scientific = (value: number) => value.toExponential(2);
  const fixed = (value: number) => value.toFixed(2);
  // Columns of the error over θ only when a row is a bundle's, so other suites print as before.
  const bundles = rows.some((row) => row.overTheta !== undefined);
  const header = [
    'problem',
    'method',
    'relL2 in domain',
    'relL2 past domain',
    ...(bundles ? ['worst relL2 over θ', 'median over θ'] : []),
    'seconds',
    'cells',
    'solved',
  ];
  const body = rows.map((row) => [
    row.problem,
    row.method,
    format(row.relativeL2InDomain, scientific, row.cells),
    format(row.relativeL2Extrapolation, scientific, row.cells),
    ...(bundles
      ? row.overTheta === undefined
        ? ['—', '—']
        : [format(row.overTheta.worst, scientific, row.cells), format(row.overTheta.median, scientific, row.cells)]
      : []),
    format(row.seconds, fixed, row.cells),
    row.failed > 0 ? `${row.cells} (${row.failed} not ok)` : String(row.cells),
    row.solved === undefined ? '—' : `${row.solved.count}/${row.solved.of}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** How the verdicts (made without the reference) agree with the error against it, at a threshold of relative L2. */
export interface VerdictConfusion {
  readonly threshold: number;
  /** Cells called solved whose in-domain relative L2 is at most the threshold (right), and above it (wrong). */
  readonly solvedWithin: number;
  readonly solvedAbove: number;
  /** Cells called unsolved whose error is at most the threshold (too cautious), and above it (right). */
  readonly unsolvedWithin: number;
  readonly unsolvedAbove: number;
}

/** Counts network cells by verdict and by whether their in-domain relative L2 is within `threshold` (a non-finite error counts as above). */
export function verdictConfusion(results: readonly CellResult[], threshold = 1e-2): VerdictConfusion {
  const counts = { threshold, solvedWithin: 0, solvedAbove: 0, unsolvedWithin: 0, unsolvedAbove: 0 };
  for (const cell of results) {
    if (cell.verdict === undefined) continue;
    const error = cell.metrics.inDomain.relativeL2;
    const within = error !== null && error <= threshold;
    const key = `${cell.verdict.status === 'solved' ? 'solved' : 'unsolved'}${within ? 'Within' : 'Above'}` as const;
    counts[key]++;
  }
  return counts;
}

/** The confusion counts as two lines of text, or nothing when no cell has a verdict. */
export function formatVerdictConfusion(confusion: VerdictConfusion): string {
  const { threshold, solvedWithin, solvedAbove, unsolvedWithin, unsolvedAbove } = confusion;
  if (solvedWithin + solvedAbove + unsolvedWithin + unsolvedAbove === 0) return '';
  return [
    `verdict (without the reference) against relL2 in domain ≤ ${threshold}: solved ${solvedWithin} within, ${solvedAbove} above;`,
    `unsolved ${unsolvedWithin} within, ${unsolvedAbove} above`,
  ].join(' ');
}
