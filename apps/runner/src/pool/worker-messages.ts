import type { QuadrantError } from '@quadrant/spec';
import type { CellResult } from '../results/cell-result.ts';

/** What each worker thread is started with. */
export interface WorkerSetup {
  /** Plugin module specifiers, loaded by every worker into its own registry. */
  readonly plugins: readonly string[];
  readonly baseDir: string;
  /** Backend name to request (`QUADRANT_BACKEND`), or undefined for the default choice. */
  readonly backend: string | undefined;
}

/** A worker's messages back to the pool. */
export type WorkerReply =
  | { readonly kind: 'progress'; readonly index: number; readonly fraction: number }
  | { readonly kind: 'result'; readonly index: number; readonly result: CellResult }
  | { readonly kind: 'error'; readonly index: number; readonly message: string; readonly code: QuadrantError['code'] | undefined };
