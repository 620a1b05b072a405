import type { CellResult } from '@quadrant/runner/cells';
import type { ModelDocument } from '@quadrant/train';

/** The quadrants the page offers (the registry's presets of the same names). */
export const quadrants = ['data-only', 'pinn', 'solver', 'neural-ode'] as const;
export type Quadrant = (typeof quadrants)[number];

/** Backends the page may ask for; `auto` measures the ones that start and keeps the faster. */
export const backendChoices = ['auto', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof backendChoices)[number];

/** Page → worker: train one cell, or stop the one training. */
export type ToWorker =
  | {
      readonly type: 'train';
      /** The problem as the editor holds it (parsed JSON or YAML), validated again in the worker. */
      readonly problem: unknown;
      readonly quadrant: Quadrant;
      /** Training settings merged over the quadrant's preset, as `quadrant run --config` takes them. */
      readonly settings: Record<string, unknown>;
      readonly seed: number;
      readonly backend: BackendChoice;
    }
  | { readonly type: 'stop' };

/** Worker → page. */
export type FromWorker =
  | { readonly type: 'backend'; readonly backend: string; readonly measured: Readonly<Record<string, number>> }
  | { readonly type: 'history'; readonly epoch: number[]; readonly total: number[]; readonly terms: Record<string, number[]> }
  | { readonly type: 'result'; readonly result: CellResult; readonly model: ModelDocument | undefined }
  | { readonly type: 'error'; readonly message: string };
