import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { Tinypool } from 'tinypool';
import type { TopLevelSpec } from 'vega-lite';
import { renderFigure } from './render-figure.ts';

/** A figure to draw, sent to a worker thread. */
export interface FigureJob {
  readonly spec: TopLevelSpec;
  readonly font: ResvgRenderOptions['font'] | undefined;
}

/** A drawn figure: its SVG, and its PNG when a font was given. */
export interface DrawnFigure {
  readonly svg: string;
  readonly png?: Uint8Array;
}

/** Draws figures as SVG (and PNG when a font is given), in this thread or in several. */
export interface FigureRenderer {
  render(spec: TopLevelSpec, font: ResvgRenderOptions['font'] | undefined): Promise<DrawnFigure>;
  close(): Promise<void>;
}

/**
 * A figure renderer over `threads` worker threads (vega's layout and resvg's rasterising are
 * CPU-bound and a report has a hundred figures or more), or in this thread when `threads` is
 * 1 or the code runs from its TypeScript sources (a worker needs the built JavaScript). A
 * figure whose drawing throws rejects with that error; the others still draw.
 */
export function createFigureRenderer(threads: number): FigureRenderer {
  const fromSources = import.meta.url.endsWith('.ts');
  if (threads <= 1 || fromSources) return { render: renderFigure, close: async () => {} };
  // Every thread starts at once and stays for the whole report: figures come in one burst.
  const pool = new Tinypool({ filename: new URL('./figure-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads, isolateWorkers: false });
  return {
    render: (spec, font) => pool.run({ spec, font } satisfies FigureJob) as Promise<DrawnFigure>,
    close: () => pool.destroy(),
  };
}
