import type { CellResult } from '../results/cell-result.ts';
import { describeVerdict } from '../results/describe-verdict.ts';
import { cellLabel } from './cell-figures.ts';
import { escapeHtml } from './escape-html.ts';
import type { ReportFigure } from './report-figure.ts';
import { methodLabel } from '../summary/summary-table.ts';

/** A figure with where its static files were written, relative to index.html. */
export interface PlacedFigure {
  readonly figure: ReportFigure;
  readonly svg: string;
  readonly png?: string;
}

/** One problem's part of the page: its own pictures, then each cell with its pictures and settings. */
export interface ProblemSection {
  readonly problem: string;
  /** HTML id of the section, safe for a URL fragment. */
  readonly slug: string;
  readonly description: string;
  readonly figures: readonly PlacedFigure[];
  readonly cells: readonly { readonly run: string; readonly cell: CellResult; readonly figures: readonly PlacedFigure[] }[];
}

/** Everything index.html shows. */
export interface ReportPage {
  readonly title: string;
  readonly runs: readonly { readonly label: string; readonly cells: readonly CellResult[] }[];
  readonly problems: readonly ProblemSection[];
  /** Browser builds of the chart libraries, inlined so the page opens from file:// with no network. */
  readonly libraries: readonly string[];
}

/**
 * The report page as one self-contained HTML document: runs, a sortable table of every cell,
 * a side-by-side table when two runs are compared, and a section per problem whose charts
 * vega-embed draws from the same vega-lite specs as the static figures. Every piece of text
 * from the results is escaped.
 */
export function reportHtml(page: ReportPage): string {
  const specs: Record<string, unknown> = {};
  const chart = (placed: PlacedFigure): string => {
    const id = `chart-${Object.keys(specs).length + 1}`;
    specs[id] = placed.figure.spec;
    const links = [`<a href="${escapeHtml(placed.svg)}">SVG</a>`, ...(placed.png === undefined ? [] : [`<a href="${escapeHtml(placed.png)}">PNG</a>`])].join(' · ');
    return `<figure class="chart"><div class="chart-body" data-chart="${id}" role="img" aria-label="${escapeHtml(placed.figure.title)}"></div><figcaption>${links}</figcaption></figure>`;
  };
  const problems = page.problems.map((section) => problemSection(section, chart, page.runs.length > 1)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${styles}</style>
</head>
<body>
<header class="page-header">
<h1>${escapeHtml(page.title)}</h1>
<p class="lede">${page.runs.reduce((sum, run) => sum + run.cells.length, 0)} cells · ${page.problems.length} problems · ${page.runs.length === 1 ? 'one run' : `${page.runs.length} runs compared`}</p>
<nav aria-label="Problems"><ul class="toc">${page.problems.map((section) => `<li><a href="#${section.slug}">${escapeHtml(section.problem)}</a></li>`).join('')}</ul></nav>
</header>
<main>
<section aria-labelledby="runs-heading">
<h2 id="runs-heading">Runs</h2>
${runsTable(page.runs)}
</section>
<section aria-labelledby="cells-heading">
<h2 id="cells-heading">All cells</h2>
<p class="hint">Relative L2 error against the reference in the training domain and past it (extrapolation). Click a column heading to sort.</p>
${cellsTable(page.runs, new Map(page.problems.map((section) => [section.problem, section.slug])))}
</section>
${page.runs.length === 2 ? comparisonTable(page.runs[0]!, page.runs[1]!) : ''}
${problems}
</main>
<script type="application/json" id="chart-specs">${scriptSafe(JSON.stringify(specs))}</script>
${page.libraries.map((library) => `<script>${scriptSafe(library)}</script>`).join('\n')}
<script>${pageScript}</script>
</body>
</html>
`;
}

function problemSection(section: ProblemSection, chart: (placed: PlacedFigure) => string, manyRuns: boolean): string {
  const cells = section.cells
    .map(({ run, cell, figures }) => {
      const metrics = [
        `relL2 in domain ${number(cell.metrics.inDomain.relativeL2)}`,
        `extrapolation ${number(cell.metrics.extrapolation.relativeL2)}`,
        `${cell.seconds.total.toFixed(2)} s`,
        ...(cell.epochs > 0 ? [`${cell.epochs} epochs`] : []),
      ].join(' · ');
      return `<article class="cell${figures.length > 0 ? ' with-charts' : ''}">
<h4>${escapeHtml(cellLabel(cell))}${manyRuns ? ` <span class="run-tag">${escapeHtml(run)}</span>` : ''} ${statusBadge(cell)} ${verdictBadge(cell)}</h4>
<p class="metrics">${escapeHtml(metrics)}</p>
${cell.reason === undefined ? '' : `<p class="reason">${escapeHtml(cell.reason)}</p>`}
${cell.verdict === undefined ? '' : `<p class="verdict-detail">${escapeHtml(`verdict: ${describeVerdict(cell.verdict)}`)}</p>`}
${figures.length > 0 ? `<div class="charts">${figures.map(chart).join('')}</div>` : ''}
<details><summary>Settings</summary><pre>${escapeHtml(JSON.stringify({ id: cell.id, suite: cell.suite, backend: cell.backend, settings: cell.settings }, null, 2))}</pre></details>
</article>`;
    })
    .join('\n');
  return `<section class="problem" id="${section.slug}" aria-labelledby="${section.slug}-heading">
<h2 id="${section.slug}-heading">${escapeHtml(section.problem)}</h2>
<p class="description">${escapeHtml(section.description)}</p>
<div class="charts">${section.figures.map(chart).join('')}</div>
<h3>Cells</h3>
<div class="cells">${cells}</div>
</section>`;
}

function runsTable(runs: ReportPage['runs']): string {
  const rows = runs.map((run) => {
    const backends = [...new Set(run.cells.map((cell) => cell.backend))].join(', ');
    const versions = new Map<string, Set<string>>();
    for (const cell of run.cells) for (const [name, version] of Object.entries(cell.versions)) versions.set(name, (versions.get(name) ?? new Set()).add(version));
    const versionList = [...versions].map(([name, values]) => `<li><code>${escapeHtml(name)}</code> ${escapeHtml([...values].join(', '))}</li>`).join('');
    const dates = run.cells.map((cell) => cell.startedAt).sort();
    const date = dates.length === 0 ? '—' : dates[0] === dates.at(-1) ? when(dates[0]!) : `${when(dates[0]!)} – ${when(dates.at(-1)!)}`;
    return `<tr><th scope="row">${escapeHtml(run.label)}</th><td class="num">${run.cells.length}</td><td>${escapeHtml(backends)}</td><td><ul class="versions">${versionList}</ul></td><td>${escapeHtml(date)}</td></tr>`;
  });
  return `<div class="table-scroll"><table class="runs"><thead><tr><th scope="col">run</th><th scope="col">cells</th><th scope="col">backend</th><th scope="col">versions</th><th scope="col">date</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

interface Column {
  readonly title: string;
  readonly numeric?: boolean;
  /** What the heading means, for a tooltip. */
  readonly hint?: string;
}

function sortableTable(id: string, columns: readonly Column[], rows: readonly string[]): string {
  const head = columns
    .map(
      (column) =>
        `<th scope="col" aria-sort="none"${column.numeric === true ? ' data-type="number"' : ''}${column.hint === undefined ? '' : ` title="${escapeHtml(column.hint)}"`}><button type="button">${escapeHtml(column.title)}<span class="sort-mark" aria-hidden="true"></span></button></th>`,
    )
    .join('');
  return `<div class="table-scroll"><table id="${id}" class="sortable" data-sortable><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

// Two runs share one section per problem, so a row links to its problem whichever run it came from.
function cellsTable(runs: ReportPage['runs'], sections: ReadonlyMap<string, string>): string {
  const manyRuns = runs.length > 1;
  const columns: Column[] = [
    ...(manyRuns ? [{ title: 'run' }] : []),
    { title: 'problem' },
    { title: 'method' },
    { title: 'architecture' },
    { title: 'seed', numeric: true },
    { title: 'status' },
    { title: 'verdict', hint: 'solved or not, judged without the reference: the residual propagated along the solution estimates the error' },
    { title: 'estimated relL2', numeric: true, hint: 'the relative L2 error in the domain as the verdict estimates it, without the reference' },
    { title: 'relL2 domain', numeric: true, hint: 'relative L2 error in the training domain' },
    { title: 'relL2 extrapolation', numeric: true, hint: 'relative L2 error past the training domain' },
    { title: 'max |error|', numeric: true, hint: 'largest absolute error over the training domain and past it' },
    { title: 'seconds', numeric: true },
    { title: 'epochs', numeric: true },
    { title: 'learned parameters' },
  ];
  const rows = runs.flatMap((run) =>
    run.cells.map((cell) => {
      const maxima = [cell.metrics.inDomain.maxAbs, cell.metrics.extrapolation.maxAbs];
      const maxError = maxima.includes(null) ? null : Math.max(...(maxima as number[]));
      const learned = Object.entries(cell.learnedParameters ?? {})
        .map(([name, { value, truth }]) => `${name} = ${value.toPrecision(4)}${truth === undefined ? '' : ` (true ${truth})`}`)
        .join(', ');
      return `<tr>${[
        ...(manyRuns ? [text(run.label)] : []),
        `<td><a href="#${sections.get(cell.problem) ?? ''}">${escapeHtml(cell.problem)}</a></td>`,
        text(methodLabel(cell)),
        text(cell.architecture ?? '—'),
        numeric(cell.seed, String(cell.seed)),
        `<td data-value="${escapeHtml(cell.status)}">${statusBadge(cell)}</td>`,
        `<td data-value="${escapeHtml(cell.verdict?.status ?? '')}">${verdictBadge(cell) || '—'}</td>`,
        numeric(cell.verdict?.estimatedError ?? null),
        numeric(cell.metrics.inDomain.relativeL2),
        numeric(cell.metrics.extrapolation.relativeL2),
        numeric(maxError),
        numeric(cell.seconds.total, cell.seconds.total.toFixed(2)),
        numeric(cell.epochs, String(cell.epochs)),
        text(learned || '—'),
      ].join('')}</tr>`;
    }),
  );
  return sortableTable('cells', columns, rows);
}

function comparisonTable(a: ReportPage['runs'][number], b: ReportPage['runs'][number]): string {
  const other = new Map(b.cells.map((cell) => [cell.id, cell]));
  const columns: Column[] = [
    { title: 'problem' },
    { title: 'method' },
    { title: 'architecture' },
    { title: 'seed', numeric: true },
    { title: `relL2 domain · ${a.label}`, numeric: true },
    { title: `relL2 domain · ${b.label}`, numeric: true },
    { title: 'ratio', numeric: true, hint: `${b.label} over ${a.label}: below 1 means ${b.label} is closer to the reference` },
    { title: `relL2 extrapolation · ${a.label}`, numeric: true },
    { title: `relL2 extrapolation · ${b.label}`, numeric: true },
  ];
  const rows = a.cells.flatMap((cell) => {
    const match = other.get(cell.id);
    if (match === undefined) return [];
    const before = cell.metrics.inDomain.relativeL2;
    const after = match.metrics.inDomain.relativeL2;
    const ratio = before === null || after === null || before === 0 ? null : after / before;
    return [
      `<tr>${[
        text(cell.problem),
        text(methodLabel(cell)),
        text(cell.architecture ?? '—'),
        numeric(cell.seed, String(cell.seed)),
        numeric(before),
        numeric(after),
        numeric(ratio, ratio === null ? '—' : `×${ratio.toPrecision(3)}`),
        numeric(cell.metrics.extrapolation.relativeL2),
        numeric(match.metrics.extrapolation.relativeL2),
      ].join('')}</tr>`,
    ];
  });
  const unmatched = a.cells.length + b.cells.length - 2 * rows.length;
  return `<section aria-labelledby="comparison-heading">
<h2 id="comparison-heading">${escapeHtml(a.label)} vs ${escapeHtml(b.label)}</h2>
<p class="hint">Cells of the two runs matched by id (same problem, method and settings).${unmatched > 0 ? ` ${unmatched} cells appear in one run only and are left out.` : ''}</p>
${sortableTable('comparison', columns, rows)}
</section>`;
}

/** A network cell's verdict as a badge (nothing for classical solvers). */
function verdictBadge(cell: CellResult): string {
  if (cell.verdict === undefined) return '';
  return `<span class="verdict verdict-${cell.verdict.status}" title="${escapeHtml(describeVerdict(cell.verdict))}">${cell.verdict.status}</span>`;
}

function statusBadge(cell: CellResult): string {
  return `<span class="status status-${cell.status}">${escapeHtml(cell.status)}</span>`;
}

function text(value: string): string {
  return `<td>${escapeHtml(value)}</td>`;
}

/** A numeric cell: shown formatted, sorted by `data-value`; a missing value sorts last. */
function numeric(value: number | null, shown: string = number(value)): string {
  return `<td class="num" data-value="${value === null ? '' : value}">${escapeHtml(shown)}</td>`;
}

function number(value: number | null): string {
  return value === null ? '—' : value.toExponential(2);
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// Inside <script>, only "</script" (any case) and "<!--" can end or derail the element; in
// JSON and in the libraries' string literals "<\/" and "<\!--" read back as the same text.
function scriptSafe(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const styles = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6470; --line: #e3e6ea; --panel: #ffffff; --page: #f6f7f9; --accent: #2458a6; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--page); }
.page-header { padding: 2rem clamp(1rem, 4vw, 3rem) 1rem; background: var(--panel); border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 .25rem; font-size: 1.75rem; letter-spacing: -.01em; }
h2 { margin: 2.5rem 0 .5rem; font-size: 1.35rem; }
h3 { margin: 1.5rem 0 .5rem; font-size: 1.05rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
h4 { margin: 0 0 .25rem; font-size: 1rem; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
main { padding: 0 clamp(1rem, 4vw, 3rem) 4rem; max-width: 1500px; }
a { color: var(--accent); }
.lede, .hint, .description, .metrics { color: var(--muted); margin: .25rem 0 .75rem; }
.description { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9rem; }
.toc { list-style: none; padding: 0; margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.toc a { display: inline-block; padding: .15rem .6rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; font-size: .9rem; background: var(--page); }
.table-scroll { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { padding: .4rem .65rem; text-align: left; border-bottom: 1px solid var(--line); white-space: nowrap; vertical-align: top; }
tbody tr:last-child > * { border-bottom: 0; }
tbody tr:hover { background: #f0f4fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #fafbfc; position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; display: inline-flex; gap: .3rem; align-items: center; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
th[aria-sort="ascending"] .sort-mark::after { content: "▲"; font-size: .7em; }
th[aria-sort="descending"] .sort-mark::after { content: "▼"; font-size: .7em; }
.versions { list-style: none; margin: 0; padding: 0; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 4px; font-size: .78rem; font-weight: 600; }
.status-ok { background: #e3f4e6; color: #1e6b2c; }
.status-diverged { background: #fff1d6; color: #8a5a00; }
.status-failed { background: #fde3e3; color: #a12020; }
.verdict { display: inline-block; padding: 0 .45rem; border-radius: 4px; font-size: .78rem; font-weight: 600; border: 1px solid currentColor; }
.verdict-solved { color: #1e6b2c; }
.verdict-unsolved { background: #fde3e3; color: #a12020; }
.verdict-detail { font-size: .85rem; color: #444; margin: .2rem 0; }
.run-tag { font-weight: 400; font-size: .8rem; color: var(--muted); }
.reason { color: #a12020; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 340px), 1fr)); gap: 1rem; margin: .75rem 0; }
.chart-body { width: 100%; }
.chart { margin: 0; padding: .75rem; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
.chart figcaption { font-size: .8rem; color: var(--muted); margin-top: .25rem; }
.cells { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr)); gap: 1rem; }
.cell.with-charts { grid-column: 1 / -1; }
.cell { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; }
.cell .charts { margin-bottom: .5rem; }
.cell .chart { border: 0; padding: 0; }
details summary { cursor: pointer; color: var(--accent); }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: .75rem; overflow-x: auto; font-size: .82rem; }
`;

// Runs in the page: draws every [data-chart] from the embedded specs, then marks the body so a
// test (or a script printing the page) knows the charts are in; sorts tables from their headings.
const pageScript = `
(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var containers = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  Promise.allSettled(containers.map(function (container) {
    var spec = specs[container.dataset.chart];
    // The static figures have a fixed size; on the page a chart fills its grid cell instead.
    // vega-lite sizes only single views to their container, so stacked panels get a measured width.
    if (spec.layer) spec = Object.assign({}, spec, { width: 'container', autosize: { type: 'fit-x', contains: 'padding' } });
    else if (spec.vconcat) {
      var width = Math.max(200, container.clientWidth - 90);
      spec = Object.assign({}, spec, { vconcat: spec.vconcat.map(function (panel) { return Object.assign({}, panel, { width: width }); }) });
    }
    return vegaEmbed(container, spec, { actions: false, renderer: 'svg', mode: 'vega-lite' });
  })).then(function (results) {
    var rendered = 0;
    results.forEach(function (result, index) {
      if (result.status === 'fulfilled') rendered += 1;
      else console.error('chart ' + containers[index].dataset.chart + ' failed to render:', result.reason);
    });
    document.body.dataset.chartsRendered = String(rendered);
  });

  function sortKey(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    if (!numeric) return value;
    return value === '' ? null : Number(value);
  }
  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      header.querySelector('button').addEventListener('click', function () {
        var ascending = header.getAttribute('aria-sort') !== 'ascending';
        var numeric = header.dataset.type === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a, column, numeric), y = sortKey(b, column, numeric);
          // Missing values stay at the bottom in both directions.
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          var order = numeric ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.setAttribute('aria-sort', 'none'); });
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      });
    });
  });
})();
`;
