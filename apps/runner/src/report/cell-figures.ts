import { networkMethods } from '../cells/cell-spec.ts';
import type { BundleFigures, CellResult } from '../results/cell-result.ts';
import { cellTruth, shortNumber, truthRanges } from './cell-truth.ts';
import { type ChartSeries, lineChart } from './line-chart.ts';
import type { ReportFigure } from './report-figure.ts';
import { methodLabel } from '../summary/summary-table.ts';

/**
 * The article's three pictures for one network cell: loss per epoch (log scale, each term and
 * the total), network vs truth on the training domain with the observations, and network vs
 * truth past the domain; a bundle's cell first shows its error over θ. Classical solver cells
 * and cells that failed before training get none.
 * @param name - prefix of the figure names, unique within the problem's folder
 */
export function cellFigures(cell: CellResult, name: string): ReportFigure[] {
  if (!networkMethods.has(cell.method) || cell.status === 'failed') return [];
  const label = cellLabel(cell);
  const truth = cellTruth(cell);
  const [start, end] = cell.trainingDomain;
  const far = cell.extrapolationDomain[1];
  const unknowns = Object.keys(truth.grid.values);
  const panel = (unknown: string) => (unknowns.length > 1 ? unknown : '');
  const yTitle = unknowns.length === 1 ? unknowns[0]! : 'value';
  const yDomain = Object.fromEntries(Object.entries(truthRanges(truth)).map(([unknown, range]) => [panel(unknown), range] as const));
  const within =
    (limit: number) =>
    (line: ChartSeries): ChartSeries => {
      const kept = line.x.flatMap((x, i) => (x <= limit ? [i] : []));
      return { ...line, x: kept.map((i) => line.x[i]!), y: kept.map((i) => line.y[i]!) };
    };
  const truthLines = unknowns.map((unknown) => ({ series: truth.label, panel: panel(unknown), x: truth.grid.t, y: truth.grid.values[unknown]! }));
  const networkLines = unknowns.map((unknown) => ({
    series: 'network',
    panel: panel(unknown),
    x: cell.prediction.t,
    y: cell.prediction.values[unknown] ?? [],
  }));
  const dataPoints =
    cell.data === undefined
      ? []
      : unknowns.flatMap((unknown) =>
          cell.data!.values[unknown] === undefined ? [] : [{ series: 'data', panel: panel(unknown), x: cell.data!.t, y: cell.data!.values[unknown]! }],
        );

  return [
    ...(cell.bundle === undefined ? [] : [errorOverTheta(cell, cell.bundle, name, label)]),
    lossFigure(cell, name),
    {
      name: `${name}-training-domain`,
      title: `${label}: network vs ${truth.label} on the training domain`,
      spec: lineChart({
        title: 'Training domain',
        subtitle: [
          `${cell.problem} · ${label}`,
          `network vs ${truth.label} on [${shortNumber(start)}, ${shortNumber(end)}]${dataPoints.length > 0 ? ', with its observations' : ''}`,
        ],
        xTitle: 't',
        yTitle,
        bands: truthLines.map(within(end)),
        lines: networkLines.map(within(end)),
        points: dataPoints,
        xDomain: [start, end],
        yDomain,
      }),
    },
    {
      name: `${name}-extrapolation`,
      title: `${label}: network vs ${truth.label} past the training domain`,
      spec: lineChart({
        title: 'Extrapolation',
        subtitle: [`${cell.problem} · ${label}`, `shaded: past the training domain, (${shortNumber(end)}, ${shortNumber(far)}]`],
        xTitle: 't',
        yTitle,
        bands: truthLines,
        lines: networkLines,
        points: dataPoints,
        shade: [end, far],
        xDomain: [start, far],
        yDomain,
      }),
    },
  ];
}

/**
 * A bundle's panel "error over θ": relative L2 against the reference at each θ of the grid
 * (log scale) along the first range, one line per combination of the others' values.
 */
function errorOverTheta(cell: CellResult, bundle: BundleFigures, name: string, label: string): ReportFigure {
  const [first, ...others] = bundle.box;
  const lines = new Map<string, { x: number[]; y: (number | null)[] }>();
  for (const point of bundle.points) {
    const series = others.map((axis, index) => `${axis.name} = ${shortNumber(point.theta[index + 1]!)}`).join(', ') || 'relative L2';
    const line = lines.get(series) ?? { x: [], y: [] };
    line.x.push(point.theta[0]!);
    line.y.push(point.relativeL2);
    lines.set(series, line);
  }
  const worst = bundle.worst === null ? 'not finite' : bundle.worst.toExponential(2);
  const median = bundle.median === null ? 'not finite' : bundle.median.toExponential(2);
  return {
    name: `${name}-error-over-theta`,
    title: `${label}: error over θ`,
    spec: lineChart({
      title: 'Error over θ',
      subtitle: [
        `${cell.problem} · ${label}`,
        `relative L2 against ${cell.referenceSolver ?? 'the reference'} at ${bundle.points.length} values: worst ${worst}, median ${median}`,
      ],
      xTitle: `${first!.name} in [${first!.range.map(shortNumber).join(', ')}]`,
      yTitle: 'relative L2 (log scale)',
      lines: [...lines].map(([series, line]) => ({ series, panel: '', ...line })),
      logY: true,
    }),
  };
}

/** How a cell is named to a reader: `pinn · mlp · seed 1`. */
export function cellLabel(cell: Pick<CellResult, 'method' | 'preset' | 'architecture' | 'seed'>): string {
  return [methodLabel(cell), cell.architecture, `seed ${cell.seed}`].filter((part) => part !== undefined).join(' · ');
}

/** What the loss chart reads of a cell: enough to draw it while the cell still trains. */
export type LossHistory = Pick<CellResult, 'problem' | 'method' | 'preset' | 'architecture' | 'seed' | 'history'>;

/**
 * The first of the article's pictures alone: loss per epoch (log scale, each term unweighted and
 * the total as trained). A page that trains draws it live from the history so far.
 * @param name - prefix of the figure's name
 */
export function lossFigure(cell: LossHistory, name: string): ReportFigure {
  const label = cellLabel(cell);
  const lossLines: ChartSeries[] = [
    ...Object.entries(cell.history.terms).map(([term, values]) => ({ series: term, panel: '', x: cell.history.epoch, y: values })),
    { series: 'total', panel: '', x: cell.history.epoch, y: cell.history.total },
  ];
  return {
    name: `${name}-loss`,
    title: `${label}: loss per epoch`,
    spec: lineChart({
      title: 'Loss per epoch',
      subtitle: [`${cell.problem} · ${label}`, 'each term unweighted; total as trained'],
      xTitle: 'epoch',
      yTitle: 'loss (log scale)',
      lines: lossLines,
      logY: true,
    }),
  };
}
