import { type CellResult, methodSchema } from '../results/cell-result.ts';
import { cellTruth, shortNumber, truthRanges } from './cell-truth.ts';
import { type ChartSeries, lineChart } from './line-chart.ts';
import type { ReportFigure } from './report-figure.ts';
import { methodLabel } from '../summary/summary-table.ts';

/**
 * The pictures of one problem in one run: every method side by side against the truth over the
 * training and extrapolation domains (one panel per unknown), and the error along t of the
 * fixed-step solvers (Euler, RK4) on a log scale, where their accumulated error shows.
 * @param cells - that problem's cells from one run
 * @param suffix - appended to the figure names (`-run-2`) so several runs share a folder
 */
export function problemFigures(cells: readonly CellResult[], suffix = '', runLabel?: string): ReportFigure[] {
  const chosen = representatives(cells);
  const first = chosen[0];
  if (first === undefined) return [];
  const truth = cellTruth(first);
  const [start, end] = first.trainingDomain;
  const far = first.extrapolationDomain[1];
  const unknowns = Object.keys(truth.grid.values);
  const panel = (unknown: string) => (unknowns.length > 1 ? unknown : '');
  const yTitle = unknowns.length === 1 ? unknowns[0]! : 'value';
  const inRun = runLabel === undefined ? '' : ` · ${runLabel}`;
  const several = chosen.some((cell) => cells.filter((other) => methodLabel(other) === methodLabel(cell)).length > 1);
  const lines = (pick: (cell: CellResult, unknown: string) => readonly (number | null)[], from: readonly CellResult[]): ChartSeries[] =>
    from.flatMap((cell) => unknowns.map((unknown) => ({ series: methodLabel(cell), panel: panel(unknown), x: cell.prediction.t, y: pick(cell, unknown) })));

  const figures: ReportFigure[] = [
    {
      name: `comparison${suffix}`,
      title: `${first.problem}: every method against the ${truth.label} solution${inRun}`,
      spec: lineChart({
        title: `All methods vs ${truth.label}`,
        subtitle: [
          `${first.problem}${inRun}`,
          `trained on [${shortNumber(start)}, ${shortNumber(end)}]; shaded: extrapolation`,
          ...(several ? ['per method, the cell of median in-domain relL2'] : []),
        ],
        xTitle: 't',
        yTitle,
        bands: unknowns.map((unknown) => ({ series: truth.label, panel: panel(unknown), x: truth.grid.t, y: truth.grid.values[unknown]! })),
        lines: lines((cell, unknown) => cell.prediction.values[unknown] ?? [], chosen),
        shade: [end, far],
        xDomain: [start, far],
        yDomain: Object.fromEntries(Object.entries(truthRanges(truth)).map(([unknown, range]) => [panel(unknown), range] as const)),
      }),
    },
  ];
  const fixedStep = chosen.filter((cell) => cell.method === 'euler' || cell.method === 'rk4');
  if (fixedStep.length > 0) {
    const error = (cell: CellResult, unknown: string) => {
      const reference = cellTruth(cell).grid.values[unknown] ?? [];
      return (cell.prediction.values[unknown] ?? []).map((value, i) => (value === null || reference[i] == null ? null : Math.abs(value - reference[i]!)));
    };
    figures.push({
      name: `solver-error${suffix}`,
      title: `${first.problem}: accumulated error of Euler and RK4${inRun}`,
      spec: lineChart({
        title: 'Euler and RK4 error along t',
        subtitle: [`${first.problem}${inRun}`, `|solver − ${truth.label}|: each step's error carries into the next`],
        xTitle: 't',
        yTitle: `|error| vs ${truth.label} (log scale)`,
        lines: lines(error, fixedStep),
        logY: true,
        shade: [end, far],
        xDomain: [start, far],
      }),
    });
  }
  return figures;
}

/**
 * One cell per method, in reading order: of a method's cells (preferring those that finished
 * ok) the one of median in-domain relL2, so a lucky or unlucky seed does not stand for the method.
 */
function representatives(cells: readonly CellResult[]): CellResult[] {
  // The schema lists the quadrants first, then the classical solvers: the order the article reads them in.
  const labels = methodSchema.options.flatMap((method) => [...new Set(cells.filter((cell) => cell.method === method).map(methodLabel))]);
  return labels.flatMap((label) => {
    const ofMethod = cells.filter((cell) => methodLabel(cell) === label);
    const ok = ofMethod.filter((cell) => cell.status === 'ok');
    const pool = [...(ok.length > 0 ? ok : ofMethod)].sort((a, b) => byRelativeL2(a) - byRelativeL2(b));
    const median = pool[Math.floor((pool.length - 1) / 2)];
    return median === undefined ? [] : [median];
  });
}

// Failed cells hold null; a large finite stand-in sorts them last without Infinity − Infinity = NaN.
const byRelativeL2 = (cell: CellResult) => cell.metrics.inDomain.relativeL2 ?? Number.MAX_VALUE;
