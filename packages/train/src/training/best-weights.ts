import { dispose, type Tensor, tidy, type Variable } from '@tensorflow/tfjs-core';

/** The weights that gave the lowest finite loss so far, to fall back on when training diverges. */
export interface BestWeights {
  /** Copies the variables as they are now, before a step, to be judged by the loss they give. */
  snapshot(): void;
  /** Keeps the pending snapshot when `loss` is finite and below the best so far, or when nothing is kept yet; else drops it. Nothing happens without one. */
  offer(loss: number): void;
  /** Writes the kept weights back into the variables (nothing happens before a snapshot was kept). */
  restore(): void;
  /** Frees the kept weights and any pending snapshot. */
  dispose(): void;
}

/**
 * Tracks the best weights of `variables`: a snapshot taken before a step is kept when the loss
 * of that step beats the best finite loss so far. The first snapshot stands in until a finite
 * loss beats it, so a run that diverges at once keeps its starting weights. Holds one copy of
 * the variables, and a second between `snapshot` and `offer`.
 */
export function createBestWeights(variables: readonly Variable[]): BestWeights {
  let kept: Tensor[] | undefined;
  let pending: Tensor[] | undefined;
  let best = Number.POSITIVE_INFINITY;
  return {
    snapshot() {
      dispose(pending ?? []);
      pending = variables.map((each) => each.clone());
    },
    offer(loss) {
      if (pending === undefined) return;
      if ((Number.isFinite(loss) && loss < best) || kept === undefined) {
        dispose(kept ?? []);
        kept = pending;
        best = Number.isFinite(loss) ? loss : Number.POSITIVE_INFINITY;
      } else dispose(pending);
      pending = undefined;
    },
    restore() {
      const weights = kept;
      if (weights === undefined) return;
      tidy(() => {
        variables.forEach((each, i) => {
          each.assign(weights[i]!);
        });
      });
    },
    dispose() {
      dispose([...(kept ?? []), ...(pending ?? [])]);
      kept = undefined;
      pending = undefined;
    },
  };
}
