import type { TopLevelSpec } from 'vega-lite';
import { sampleIndices } from './sample-indices.ts';

/** One line (or set of points) of a chart: y against x for one series in one panel. */
export interface ChartSeries {
  /** Legend entry: 'exact', 'pinn', 'residual'… Series of one name share a colour across panels. */
  readonly series: string;
  /** Panel the series belongs to (an unknown's name); charts with one panel use ''. */
  readonly panel: string;
  readonly x: readonly number[];
  /** `null` marks a value that was not finite; it leaves a gap. */
  readonly y: readonly (number | null)[];
}

/** What {@link lineChart} draws. */
export interface LineChartOptions {
  readonly title: string;
  /** One string per line: vega does not wrap titles. */
  readonly subtitle?: readonly string[];
  readonly xTitle: string;
  /** Axis title of a single-panel chart; charts with several panels title each axis by its panel. */
  readonly yTitle: string;
  /** Drawn as thin coloured lines. */
  readonly lines: readonly ChartSeries[];
  /** The truth (exact or reference), drawn as a wide pale band beneath the lines so both stay visible. */
  readonly bands?: readonly ChartSeries[];
  /** Drawn as filled circles (observations). */
  readonly points?: readonly ChartSeries[];
  readonly logY?: boolean;
  /** x interval to shade, with a rule at its start: the extrapolation interval. */
  readonly shade?: readonly [number, number];
  /** y range per panel; lines leaving it are clipped rather than squashing the truth flat. */
  readonly yDomain?: Readonly<Record<string, readonly [number, number]>>;
  readonly xDomain?: readonly [number, number];
}

// Fixed colours for the names every report uses, so a method looks the same in every chart.
const knownColours: Record<string, string> = {
  exact: '#6b6b6b',
  reference: '#6b6b6b',
  total: '#222222',
  network: '#d62728',
  data: '#1f77b4',
  'data-only': '#ff7f0e',
  pinn: '#d62728',
  solver: '#2ca02c',
  'neural-ode': '#e377c2',
  odex: '#8c564b',
  rk4: '#9467bd',
  euler: '#17becf',
};
const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

const panelWidth = 400;

/**
 * A vega-lite spec of lines against x, one panel per unknown (stacked vertically) when there are
 * several. Every line is cut to at most 400 points, non-finite values (and non-positive ones on a
 * log axis) are dropped, and colours are stable per series name.
 */
export function lineChart(options: LineChartOptions): TopLevelSpec {
  const all = [...(options.bands ?? []), ...options.lines, ...(options.points ?? [])];
  const panels = [...new Set(all.map((line) => line.panel))];
  const names = [...new Set(all.map((line) => line.series))];
  // Names without a fixed colour (loss terms, a plugin's method) take palette colours no fixed name in this chart uses.
  const fixed = new Set(names.flatMap((name) => knownColours[name] ?? []));
  const spare = palette.filter((colour) => !fixed.has(colour));
  let next = 0;
  const colours = names.map((name) => knownColours[name] ?? spare[next++ % spare.length]!);
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: names, range: colours },
    legend: { orient: 'bottom', direction: 'horizontal', columns: 4 },
  } as const;
  const rows = (series: readonly ChartSeries[], panel: string) =>
    series.filter((line) => line.panel === panel).flatMap((line) => lineRows(line, options.logY === true));
  const single = panels.length === 1;

  const panelSpec = (panel: string) => {
    const x = {
      field: 'x',
      type: 'quantitative',
      title: options.xTitle,
      scale: options.xDomain === undefined ? { zero: false } : { domain: [...options.xDomain], nice: false, zero: false },
    } as const;
    const decades = options.logY === true ? logDecades([...rows(options.lines, panel), ...rows(options.points ?? [], panel)].map((row) => row.y)) : undefined;
    const yDomain = options.yDomain?.[panel] ?? (decades === undefined ? undefined : ([decades.at(0)!, decades.at(-1)!] as const));
    const y = {
      field: 'y',
      type: 'quantitative',
      title: single ? options.yTitle : panel,
      scale: { ...(options.logY === true ? { type: 'log' } : { zero: false }), ...(yDomain === undefined ? {} : { domain: [...yDomain], nice: false }) },
      axis: decades === undefined ? {} : { values: thin(decades, 7), format: '.0e', grid: true },
    } as const;
    const layers: object[] = [];
    if (options.shade !== undefined) {
      const [from, to] = options.shade;
      layers.push({
        data: { values: [{ from, to }] },
        mark: { type: 'rect', color: '#f2e6c9', opacity: 0.6 },
        encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
      });
      layers.push({
        data: { values: [{ from }] },
        mark: { type: 'rule', color: '#a0896b', strokeDash: [4, 3] },
        encoding: { x: { field: 'from', type: 'quantitative' } },
      });
    }
    const bands = rows(options.bands ?? [], panel);
    if (bands.length > 0)
      layers.push({
        data: { values: bands },
        mark: { type: 'line', strokeWidth: 6, opacity: 0.45, clip: true },
        encoding: { x, y, color, detail: { field: 'series' } },
      });
    layers.push({
      data: { values: rows(options.lines, panel) },
      mark: { type: 'line', strokeWidth: 1.6, clip: true },
      encoding: { x, y, color, detail: { field: 'series' } },
    });
    const points = rows(options.points ?? [], panel);
    if (points.length > 0)
      layers.push({
        data: { values: points },
        mark: { type: 'point', filled: true, size: 36, opacity: 0.9, clip: true },
        encoding: {
          x,
          y,
          color,
          tooltip: [
            { field: 'x', format: '.3g' },
            { field: 'y', format: '.4g' },
          ],
        },
      });
    return { width: panelWidth, height: single ? 220 : 150, layer: layers };
  };

  const title = options.subtitle === undefined ? options.title : { text: options.title, subtitle: [...options.subtitle] };
  const common = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, background: 'white', config: chartConfig } as const;
  if (single) return { ...common, ...panelSpec(panels[0] ?? '') } as TopLevelSpec;
  return { ...common, vconcat: panels.map(panelSpec), resolve: { scale: { x: 'shared' } } } as TopLevelSpec;
}

/** Shared look: the page's system font stack, quiet grid, titles left-aligned like the page's headings. */
const chartConfig = {
  font: 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif',
  title: { anchor: 'start', fontSize: 14, fontWeight: 600, subtitleColor: '#555', subtitleFontSize: 11 },
  axis: { gridColor: '#ececec', domainColor: '#888', tickColor: '#888', labelColor: '#333', titleColor: '#333', titleFontWeight: 500 },
  legend: { labelFontSize: 11, symbolStrokeWidth: 3 },
  view: { stroke: '#ddd' },
} as const;

function lineRows(line: ChartSeries, logY: boolean): { x: number; y: number; series: string }[] {
  const rows: { x: number; y: number; series: string }[] = [];
  for (const i of sampleIndices(Math.min(line.x.length, line.y.length))) {
    const y = line.y[i];
    // A log axis cannot place 0 (Euler's error at t0) or negatives; dropping them beats a broken scale.
    if (y === null || y === undefined || !Number.isFinite(y) || (logY && y <= 0)) continue;
    // Six significant digits are beyond what a chart can show, and halve the page's embedded data.
    rows.push({ x: Number(line.x[i]!.toPrecision(6)), y: Number(y.toPrecision(6)), series: line.series });
  }
  return rows;
}

/**
 * Powers of ten spanning the values of a log axis. The low end is the 1st percentile, not the
 * minimum: an error that crosses zero dips to 1e-20 for one point, and would otherwise squash
 * the whole chart into its top decades.
 */
function logDecades(values: readonly number[]): number[] | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const low = Math.floor(Math.log10(sorted[Math.floor(0.01 * (sorted.length - 1))]!));
  const high = Math.max(Math.ceil(Math.log10(sorted.at(-1)!)), low + 1);
  return Array.from({ length: high - low + 1 }, (_, k) => 10 ** (low + k));
}

// Every second (third…) decade once there are too many to label legibly.
function thin(decades: readonly number[], most: number): number[] {
  const step = Math.ceil(decades.length / most);
  return decades.filter((_, k) => (decades.length - 1 - k) % step === 0);
}
