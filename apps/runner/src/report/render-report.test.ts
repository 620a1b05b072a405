import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportCells } from '../../test/fixtures/report-cells.ts';
import { cellResultSchema } from '../results/cell-result.ts';
import { type RenderedReport, renderReport } from './render-report.ts';

const malicious = '<script>alert("pwned")</script> & y\' = -y';

describe('renderReport with one run', () => {
  const cells = reportCells({ description: malicious });
  let outDir: string;
  let report: RenderedReport;
  let html: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'quadrant-report-'));
    report = await renderReport([{ label: 'fixture', cells }], outDir, { title: 'Decay & friends' });
    html = readFileSync(report.indexHtml, 'utf8');
  });

  it('writes index.html, results.json and figures into the folder', () => {
    expect(report.indexHtml).toBe(join(outDir, 'index.html'));
    expect(report.resultsJson).toBe(join(outDir, 'results.json'));
    for (const file of [report.indexHtml, report.resultsJson, ...report.figures]) expect(existsSync(file), file).toBe(true);
  });

  it('draws three pictures per network cell and two per problem, as SVG, and no PNG unless asked', () => {
    const networkCells = cells.filter((cell) => ['data-only', 'pinn', 'solver'].includes(cell.method)).length;
    expect(report.figures.filter((file) => file.endsWith('.svg'))).toHaveLength(networkCells * 3 + 2 * 2);
    expect(report.figures.filter((file) => !file.endsWith('.svg'))).toEqual([]);
    const decay = join(outDir, 'figures', 'exponential-decay');
    for (const name of ['comparison', 'solver-error', 'pinn-mlp-seed-1-loss', 'pinn-mlp-seed-1-training-domain', 'pinn-mlp-seed-1-extrapolation']) {
      expect(existsSync(join(decay, `${name}.svg`)), name).toBe(true);
    }
  });

  it('SVG figures carry their axis titles', () => {
    const svg = (name: string) => readFileSync(join(outDir, 'figures', 'exponential-decay', `${name}.svg`), 'utf8');
    expect(svg('pinn-mlp-seed-1-loss')).toMatch(/^<svg[^>]*>/);
    expect(svg('pinn-mlp-seed-1-loss')).toContain('loss (log scale)');
    expect(svg('pinn-mlp-seed-1-loss')).toContain('epoch');
    expect(svg('solver-error')).toContain('|error| vs exact (log scale)');
    expect(svg('comparison')).toContain('>t<');
    // One panel per unknown for the two-unknown problem.
    const oscillator = readFileSync(join(outDir, 'figures', 'harmonic-oscillator', 'comparison.svg'), 'utf8');
    expect(oscillator).toContain('>x<');
    expect(oscillator).toContain('>v<');
  });

  it('results.json holds every cell, and each reads back through the cell schema', () => {
    const saved = JSON.parse(readFileSync(report.resultsJson, 'utf8'));
    expect(saved.format).toBe(1);
    expect(saved.runs.map((run: { label: string }) => run.label)).toEqual(['fixture']);
    const read = saved.runs[0].cells.map((cell: unknown) => cellResultSchema.parse(cell));
    expect(read).toEqual(cells);
  });

  it('needs no network: no script or stylesheet comes from http(s)', () => {
    expect(/<script[^>]+src=/i.test(html)).toBe(false);
    expect(/<link[^>]+href=["']?https?:/i.test(html)).toBe(false);
    expect(/(src|href)=["']?(https?:)?\/\//i.test(html)).toBe(false);
    expect(html.includes('vegaEmbed(container')).toBe(true);
  });

  it('escapes text from the results', () => {
    // A boolean, not toContain: a failure would print the whole page with its inlined libraries.
    expect(html.includes('<script>alert')).toBe(false);
    expect(html.includes('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; y&#39; = -y')).toBe(true);
    expect(html.includes('<title>Decay &amp; friends</title>')).toBe(true);
  });

  it('lists one table row per cell, with sortable headings', () => {
    const table = html.match(/<table id="cells"[\s\S]*?<\/table>/)![0];
    expect(table.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(cells.length);
    expect(table.match(/<th scope="col" aria-sort="none"[^>]*><button type="button">/g)).toHaveLength(13);
  });

  it('gives every chart a container and embeds its spec', () => {
    const charts = html.match(/data-chart="(chart-\d+)"/g)!;
    expect(charts).toHaveLength(report.figures.length);
    const specs = JSON.parse(html.match(/<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/)![1]!);
    expect(Object.keys(specs)).toHaveLength(charts.length);
  });

  it('keeps lines to at most 400 points', () => {
    const specs = JSON.parse(html.match(/<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/)![1]!);
    const counts = Object.values(specs).flatMap((spec) => lineCounts(spec));
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThanOrEqual(400);
    // The fixture has 1001 points per line, so the budget was used rather than never reached.
    expect(Math.max(...counts)).toBeGreaterThan(300);
  });
});

describe('renderReport with cells that went wrong', () => {
  it('draws a diverged cell without its non-finite values, and a failed one without pictures', async () => {
    const [odex, , , solver, pinn] = reportCells();
    const nulls = (values: Record<string, (number | null)[]>) => Object.fromEntries(Object.keys(values).map((name) => [name, values[name]!.map(() => null)]));
    const diverged = cellResultSchema.parse({
      ...pinn!,
      status: 'diverged',
      reason: 'diverged at epoch 812: loss is NaN',
      history: { ...pinn!.history, total: pinn!.history.total.map((value, i) => (i > 100 ? null : value)) },
      prediction: { ...pinn!.prediction, values: { y: pinn!.prediction.values['y']!.map((value, i) => (i > 500 ? null : value)) } },
      metrics: { ...pinn!.metrics, extrapolation: { mse: null, rmse: null, relativeL2: null, maxAbs: null } },
    });
    const failed = cellResultSchema.parse({
      ...solver!,
      status: 'failed',
      reason: 'no such architecture <b>',
      epochs: 0,
      history: { epoch: [], total: [], terms: {} },
      prediction: { ...solver!.prediction, values: nulls(solver!.prediction.values) },
      metrics: {
        inDomain: { mse: null, rmse: null, relativeL2: null, maxAbs: null },
        extrapolation: { mse: null, rmse: null, relativeL2: null, maxAbs: null },
      },
    });
    const outDir = mkdtempSync(join(tmpdir(), 'quadrant-report-'));
    const report = await renderReport([{ label: 'mixed', cells: [odex!, diverged, failed] }], outDir, { png: false });
    const names = report.figures.map((file) => file.slice(file.lastIndexOf('/') + 1));
    expect(names.sort()).toEqual(['comparison.svg', 'pinn-mlp-seed-1-extrapolation.svg', 'pinn-mlp-seed-1-loss.svg', 'pinn-mlp-seed-1-training-domain.svg']);
    const html = readFileSync(report.indexHtml, 'utf8');
    expect(html.includes('diverged at epoch 812: loss is NaN')).toBe(true);
    expect(html.includes('no such architecture &lt;b&gt;')).toBe(true);
    expect(html.includes('<span class="status status-failed">failed</span>')).toBe(true);
    // Missing figures show as a dash and sort last, never as 0 or NaN.
    const table = html.match(/<table id="cells"[\s\S]*?<\/table>/)![0];
    expect(table).not.toContain('NaN');
    expect(table).toContain('<td class="num" data-value="">—</td>');
  });
});

describe('renderReport with two runs', () => {
  it('sets the runs side by side, cell by cell, and keeps their figures apart', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'quadrant-report-'));
    const before = reportCells({ run: 'a' });
    const after = reportCells({ run: 'b' }).slice(0, 4);
    const report = await renderReport(
      [
        { label: 'before', cells: before },
        { label: 'after', cells: after },
      ],
      outDir,
      { png: false },
    );
    const html = readFileSync(report.indexHtml, 'utf8');
    expect(report.figures.every((file) => file.endsWith('.svg'))).toBe(true);
    expect(existsSync(join(outDir, 'figures', 'exponential-decay', 'comparison-run-1.svg'))).toBe(true);
    expect(existsSync(join(outDir, 'figures', 'exponential-decay', 'comparison-run-2.svg'))).toBe(true);
    const comparison = html.match(/<table id="comparison"[\s\S]*?<\/table>/)![0];
    expect(comparison).toContain('relL2 domain · before');
    expect(comparison).toContain('relL2 domain · after');
    expect(comparison.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(4);
    expect(html.includes(`${before.length - after.length} cells appear in one run only`)).toBe(true);
    const cellsTable = html.match(/<table id="cells"[\s\S]*?<\/table>/)![0];
    expect(cellsTable.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(before.length + after.length);
  });
});

// Number of data rows of each line layer in a (possibly concatenated) vega-lite spec, per series.
function lineCounts(spec: unknown): number[] {
  if (typeof spec !== 'object' || spec === null) return [];
  const node = spec as { layer?: unknown[]; vconcat?: unknown[]; mark?: { type?: string }; data?: { values?: { series: string }[] } };
  const nested = [...(node.layer ?? []), ...(node.vconcat ?? [])].flatMap(lineCounts);
  if (node.mark?.type !== 'line' || node.data?.values === undefined) return nested;
  const perSeries = new Map<string, number>();
  for (const row of node.data.values) perSeries.set(row.series, (perSeries.get(row.series) ?? 0) + 1);
  return [...nested, ...perSeries.values()];
}
