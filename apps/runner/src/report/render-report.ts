import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CellResult, methodSchema } from '../results/cell-result.ts';
import { cellFigures } from './cell-figures.ts';
import { chartLibraryScripts } from './chart-library-scripts.ts';
import { fileSlug } from './file-slug.ts';
import { problemFigures } from './problem-figures.ts';
import { createFigureRenderer, type FigureRenderer } from './figure-renderer.ts';
import type { ReportFigure } from './report-figure.ts';
import { type PlacedFigure, type ProblemSection, reportHtml } from './report-html.ts';

/** One set of results to report: a run of a suite, named for the reader (`before`, `bench/results.jsonl`). */
export interface ReportRun {
  readonly label: string;
  readonly cells: readonly CellResult[];
}

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  /** Page heading; defaults to "Quadrant report". */
  readonly title?: string;
  /**
   * Write a PNG at twice the SVG's size beside each SVG figure, for papers and READMEs (default
   * false: the page draws its charts from the specs and links the SVGs; rasterising costs about
   * twice the SVG's time).
   */
  readonly png?: boolean;
  /** Threads that draw figures (default 1: this one). */
  readonly threads?: number;
}

/** Paths of what {@link renderReport} wrote. */
export interface RenderedReport {
  readonly indexHtml: string;
  readonly resultsJson: string;
  /** Every SVG figure file, and every PNG when asked for. */
  readonly figures: string[];
}

/**
 * Renders a report from results alone into `outDir`: `results.json` (every cell of every run,
 * `{ format: 1, runs: [{ label, cells }] }`), static figures `figures/<problem>/<name>.svg` drawn
 * by vega-lite (and `.png` with `options.png`), and a self-contained `index.html` (chart libraries inlined, so it
 * opens from file:// with no network). With two runs the page compares them cell by cell.
 */
export async function renderReport(runs: readonly ReportRun[], outDir: string, options: RenderReportOptions = {}): Promise<RenderedReport> {
  await mkdir(outDir, { recursive: true });
  const resultsJson = join(outDir, 'results.json');
  await writeFile(resultsJson, `${JSON.stringify({ format: 1, runs: runs.map((run) => ({ label: run.label, cells: run.cells })) })}\n`);

  const png = options.png === true;
  const written: string[] = [];
  const renderer = createFigureRenderer(options.threads ?? 1);
  let sections: ProblemSection[];
  try {
    sections = await problemSections(runs, outDir, { png, renderer, written });
  } finally {
    await renderer.close();
  }
  written.sort();
  const indexHtml = join(outDir, 'index.html');
  await writeFile(indexHtml, reportHtml({ title: options.title ?? 'Quadrant report', runs, problems: sections, libraries: chartLibraryScripts() }));
  return { indexHtml, resultsJson, figures: written };
}

/** Draws every figure into `outDir/figures/<problem>/` and returns the page's sections; `written` collects the files. */
async function problemSections(
  runs: readonly ReportRun[],
  outDir: string,
  drawing: { readonly png: boolean; readonly renderer: FigureRenderer; readonly written: string[] },
): Promise<ProblemSection[]> {
  const { png: withPng, renderer, written } = drawing;
  const problems = [...new Set(runs.flatMap((run) => run.cells.map((cell) => cell.problem)))];
  const slugs = uniqueSlugs(problems);
  // Every figure of every problem is queued at once, so the drawing threads never wait for one
  // problem's last figure before starting the next problem's.
  return Promise.all(
    problems.map(async (problem): Promise<ProblemSection> => {
      const slug = slugs.get(problem)!;
      const folder = join(outDir, 'figures', slug);
      await mkdir(folder, { recursive: true });
      const taken = new Set<string>();
      const place = async (figure: ReportFigure): Promise<PlacedFigure> => {
        const name = uniqueName(fileSlug(figure.name), taken);
        const { svg, png } = await renderer.render(figure.spec, withPng);
        const files = { svg: `figures/${slug}/${name}.svg`, ...(png === undefined ? {} : { png: `figures/${slug}/${name}.png` }) };
        await writeFile(join(outDir, files.svg), svg);
        written.push(join(outDir, files.svg));
        if (png !== undefined && files.png !== undefined) {
          await writeFile(join(outDir, files.png), png);
          written.push(join(outDir, files.png));
        }
        return { figure, ...files };
      };
      const figures: Promise<PlacedFigure[]>[] = [];
      const cells: Promise<ProblemSection['cells'][number]>[] = [];
      for (const [index, run] of runs.entries()) {
        // Quadrants before classical solvers (the schema's order), so the cells with charts come first.
        const ofProblem = run.cells
          .filter((cell) => cell.problem === problem)
          .sort((a, b) => methodSchema.options.indexOf(a.method) - methodSchema.options.indexOf(b.method));
        if (ofProblem.length === 0) continue;
        const suffix = runs.length > 1 ? `-run-${index + 1}` : '';
        figures.push(Promise.all(problemFigures(ofProblem, suffix, runs.length > 1 ? run.label : undefined).map(place)));
        for (const cell of ofProblem) {
          const prefix = `${runs.length > 1 ? `run-${index + 1}-` : ''}${[cell.method, cell.preset, cell.architecture, `seed-${cell.seed}`].filter((part) => part !== undefined).join('-')}`;
          cells.push(Promise.all(cellFigures(cell, prefix).map(place)).then((placed) => ({ run: run.label, cell, figures: placed })));
        }
      }
      const description = runs.flatMap((run) => run.cells).find((cell) => cell.problem === problem)?.problemDescription ?? '';
      // Prefixed so a problem named `cells` or `runs` cannot take the id of another part of the page.
      return { problem, slug: `problem-${slug}`, description, figures: (await Promise.all(figures)).flat(), cells: await Promise.all(cells) };
    }),
  );
}

// Two problem names can share a slug ('Decay' and 'decay'); each still needs a folder of its own.
function uniqueSlugs(problems: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  return new Map(problems.map((problem) => [problem, uniqueName(fileSlug(problem), taken)]));
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}
