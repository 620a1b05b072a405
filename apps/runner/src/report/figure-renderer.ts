import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { renderFigure } from './render-figure.ts';

/** A figure to draw, sent to a worker thread. */
export interface FigureJob {
  readonly id: number;
  readonly spec: TopLevelSpec;
  readonly font: ResvgRenderOptions['font'] | undefined;
}

/** A worker's answer: the drawing, or why it failed. */
export type FigureReply = { readonly id: number; readonly svg: string; readonly png?: Uint8Array } | { readonly id: number; readonly error: string };

/** Draws figures as SVG (and PNG when a font is given), in this thread or in several. */
export interface FigureRenderer {
  render(spec: TopLevelSpec, font: ResvgRenderOptions['font'] | undefined): Promise<{ svg: string; png?: Uint8Array }>;
  close(): Promise<void>;
}

/**
 * A figure renderer over `threads` worker threads (vega's layout and resvg's rasterising are
 * CPU-bound and a report has a hundred figures or more), or in this thread when `threads` is
 * 1 or the code runs from its TypeScript sources (a worker needs the built JavaScript).
 */
export function createFigureRenderer(threads: number): FigureRenderer {
  const fromSources = import.meta.url.endsWith('.ts');
  if (threads <= 1 || fromSources) return { render: renderFigure, close: async () => {} };
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./figure-worker.js', import.meta.url)));
  const pending = new Map<number, { resolve(value: { svg: string; png?: Uint8Array }): void; reject(error: Error): void }>();
  let next = 0;
  for (const worker of workers) {
    worker.on('message', (reply: FigureReply) => {
      const waiting = pending.get(reply.id)!;
      pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.png === undefined ? { svg: reply.svg } : { svg: reply.svg, png: reply.png });
    });
    worker.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  }
  return {
    render(spec, font) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Round robin: figures are of similar cost, and each worker renders in arrival order.
        workers[id % workers.length]!.postMessage({ id, spec, font } satisfies FigureJob);
      });
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
