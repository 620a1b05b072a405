import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const dejaVu = '/usr/share/fonts/truetype/dejavu';

/**
 * Font settings for the PNG rasteriser. Debian's DejaVu when installed: a known font makes PNGs
 * the same on every machine, and skipping the system scan keeps each render fast. Elsewhere the
 * system fonts are the only text resvg can draw.
 */
export function pngFontOptions(): NonNullable<ResvgRenderOptions['font']> {
  return existsSync(dejaVu)
    ? { fontDirs: [dejaVu], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
    : { loadSystemFonts: true };
}

/** A drawn figure: its SVG, and its PNG when one was asked for. */
export interface DrawnFigure {
  readonly svg: string;
  readonly png?: Uint8Array;
}

/**
 * Draws a vega-lite spec as SVG in Node (vega's headless `none` renderer: no canvas needed) and,
 * when `png` is set, as a PNG at twice the SVG's size (resvg, DejaVu Sans where installed).
 */
export async function renderFigure(spec: TopLevelSpec, png = false): Promise<DrawnFigure> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (!png) return { svg };
    return { svg, png: new Resvg(svg, { font: pngFontOptions(), fitTo: { mode: 'zoom', value: 2 }, background: 'white' }).render().asPng() };
  } finally {
    view.finalize();
  }
}
