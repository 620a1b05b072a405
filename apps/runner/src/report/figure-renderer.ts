import { Tinypool } from 'tinypool';
import type { TopLevelSpec } from 'vega-lite';
import type { DrawnFigure } from './render-figure.ts';

export type { DrawnFigure } from './render-figure.ts';

/** A figure to draw, sent to a worker thread. */
export interface FigureJob {
  readonly spec: TopLevelSpec;
  /** Rasterise a PNG beside the SVG. */
  readonly png: boolean;
}

/** Draws figures as SVG (and PNG when asked), in this thread or in several. */
export interface FigureRenderer {
  render(spec: TopLevelSpec, png: boolean): Promise<DrawnFigure>;
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
  if (threads <= 1 || fromSources)
    return {
      // vega, vega-lite and resvg load only in the thread that draws: with worker threads the
      // main thread would spend ~0.3 s of a core loading them beside the workers.
      render: async (spec, png) => (await import('./render-figure.ts')).renderFigure(spec, png),
      close: async () => {},
    };
  // Every thread starts at once and stays for the whole report: figures come in one burst.
  const pool = new Tinypool({ filename: new URL('./figure-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads, isolateWorkers: false });
  return {
    render: (spec, png) => pool.run({ spec, png } satisfies FigureJob) as Promise<DrawnFigure>,
    close: () => pool.destroy(),
  };
}
