import type { TopLevelSpec } from 'vega-lite';

/** One chart of the report: drawn as a static SVG/PNG file and embedded live in index.html. */
export interface ReportFigure {
  /** File name without extension, unique within its problem's folder: `comparison`, `pinn-mlp-seed-1-loss`. */
  readonly name: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}
