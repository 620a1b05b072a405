import { readFileSync } from 'node:fs';
import type { CellResult } from '../results/cell-result.ts';
import { describeVerdict } from '../results/describe-verdict.ts';
import { cellLabel } from './cell-figures.ts';
import { escapeHtml } from './escape-html.ts';
import type { ReportFigure } from './report-figure.ts';
import { methodLabel, methodLabels } from '../summary/summary-table.ts';

// The page's stylesheet and script are files of their own, so the linters read them as CSS and
// JavaScript. They ship in src/ (the package's "files"), which the built module reaches from dist/.
const assets = new URL(import.meta.url.endsWith('.ts') ? './assets/' : '../../src/report/assets/', import.meta.url);
let pageAssets: { readonly styles: string; readonly script: string } | undefined;

/** The report's stylesheet and page script, read once. */
function reportAssets(): { readonly styles: string; readonly script: string } {
  pageAssets ??= { styles: readFileSync(new URL('report.css', assets), 'utf8'), script: readFileSync(new URL('report.js', assets), 'utf8') };
  return pageAssets;
}

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
/** Where each column of the report belongs, in one paragraph above the results. */
const methodsParagraph =
  "Each column answers a different question. When the equation is known, a classical DE solver (odex, RK4, Euler) or a network trained on the equation alone (solver) gives the solution, and a PINN adds the equation to a few observations where they also matter; neither needs data past the domain, and both follow the equation there. When the equation is unknown but the observations come from one, learned dynamics (neural-ode) fits a vector field y' = f(y) to them and integrates it from the initial state, so its prediction past the data follows the field it learned rather than a curve. With data only and no dynamics to learn, a curve fit (data-only) interpolates its samples and has nothing to go on past them. The comparison charts show all of them past the training domain (shaded).";

export function reportHtml(page: ReportPage): string {
  const specs: Record<string, unknown> = {};
  const chart = (placed: PlacedFigure): string => {
    const id = `chart-${Object.keys(specs).length + 1}`;
    specs[id] = placed.figure.spec;
    const links = [`<a href="${escapeHtml(placed.svg)}">SVG</a>`, ...(placed.png === undefined ? [] : [`<a href="${escapeHtml(placed.png)}">PNG</a>`])].join(
      ' · ',
    );
    return `<figure class="chart"><div class="chart-body" data-chart="${id}" role="img" aria-label="${escapeHtml(placed.figure.title)}"></div><figcaption>${links}</figcaption></figure>`;
  };
  const problems = page.problems.map((section) => problemSection(section, chart, page.runs.length > 1)).join('\n');
  const { styles, script } = reportAssets();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
${styles}</style>
</head>
<body>
<header class="page-header">
<h1>${escapeHtml(page.title)}</h1>
<p class="lede">${page.runs.reduce((sum, run) => sum + run.cells.length, 0)} cells · ${page.problems.length} problems · ${page.runs.length === 1 ? 'one run' : `${page.runs.length} runs compared`}</p>
<nav aria-label="Problems"><ul class="toc">${page.problems.map((section) => `<li><a href="#${section.slug}">${escapeHtml(section.problem)}</a></li>`).join('')}</ul></nav>
</header>
<main>
<section aria-labelledby="methods-heading">
<h2 id="methods-heading">Which method when</h2>
<p class="methods">${escapeHtml(methodsParagraph)}</p>
</section>
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
<script>
${script}</script>
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
    for (const cell of run.cells)
      for (const [name, version] of Object.entries(cell.versions)) versions.set(name, (versions.get(name) ?? new Set()).add(version));
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
  // Bundle columns only when a cell is a bundle's, so other reports look as before.
  const bundles = runs.some((run) => run.cells.some((cell) => cell.bundle !== undefined));
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
    ...(bundles
      ? [
          { title: 'worst relL2 over θ', numeric: true, hint: "a bundle's largest relative L2 error over a grid of its ranges" },
          { title: 'median relL2 over θ', numeric: true, hint: "a bundle's median relative L2 error over a grid of its ranges" },
        ]
      : []),
    { title: 'max |error|', numeric: true, hint: 'largest absolute error over the training domain and past it' },
    { title: 'seconds', numeric: true },
    { title: 'epochs', numeric: true },
    { title: 'learned parameters' },
  ];
  const rows = runs.flatMap((run) => {
    const labels = methodLabels(run.cells);
    return run.cells.map((cell) => {
      const maxima = [cell.metrics.inDomain.maxAbs, cell.metrics.extrapolation.maxAbs];
      const maxError = maxima.includes(null) ? null : Math.max(...(maxima as number[]));
      const learned = Object.entries(cell.learnedParameters ?? {})
        .map(([name, { value, truth }]) => `${name} = ${value.toPrecision(4)}${truth === undefined ? '' : ` (true ${truth})`}`)
        .join(', ');
      return `<tr>${[
        ...(manyRuns ? [text(run.label)] : []),
        `<td><a href="#${sections.get(cell.problem) ?? ''}">${escapeHtml(cell.problem)}</a></td>`,
        text(labels.get(cell)!),
        text(cell.architecture ?? '—'),
        numeric(cell.seed, String(cell.seed)),
        `<td data-value="${escapeHtml(cell.status)}">${statusBadge(cell)}</td>`,
        `<td data-value="${escapeHtml(cell.verdict?.status ?? '')}">${verdictBadge(cell) || '—'}</td>`,
        numeric(cell.verdict?.estimatedError ?? null),
        numeric(cell.metrics.inDomain.relativeL2),
        numeric(cell.metrics.extrapolation.relativeL2),
        ...(bundles ? [numeric(cell.bundle?.worst ?? null), numeric(cell.bundle?.median ?? null)] : []),
        numeric(maxError),
        numeric(cell.seconds.total, cell.seconds.total.toFixed(2)),
        numeric(cell.epochs, String(cell.epochs)),
        text(learned || '—'),
      ].join('')}</tr>`;
    });
  });
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
