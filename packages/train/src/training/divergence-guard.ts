import { residualLoss } from '@quadrant/losses';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import type { BestWeights } from './best-weights.ts';

/** Watches each epoch's loss for a value that is not finite. */
export interface DivergenceGuard {
  /**
   * Reads a step's first evaluation (each term's unweighted value, in the terms' order) while
   * the weights are still those it was evaluated at: when the equation residual term is not
   * finite, it finds the first point among `points` where the residual is not.
   */
  inspect(terms: ArrayLike<number>, points: Tensor2D): void;
  /**
   * The reason epoch `at` diverged, as `diverged at epoch 12 (loss term 'residual' is NaN, first at t = 0.5)`,
   * with the best weights restored; nothing when the total and every term are finite.
   */
  check(at: number, total: number, terms: ArrayLike<number>): string | undefined;
}

/** Settings of `createDivergenceGuard`. */
export interface DivergenceGuardSettings {
  /** Name of the independent variable, for the point in a reason (`t`). */
  readonly independent: string;
  /** The run's loss terms' names, in the order of the values the guard is given. */
  readonly termNames: readonly string[];
  /** [N, 1] points → [N] squared equation residual at each. */
  readonly squaredResidual: (points: Tensor2D) => Tensor1D;
  /** Restored when the loss turns out not finite. */
  readonly best: Pick<BestWeights, 'restore'>;
}

/**
 * A guard that ends a run whose loss is not finite: the reason names the epoch and the first
 * non-finite term (for the equation residual, the first point of the independent variable
 * where it is not finite), or the total when every term is finite, and the best weights seen
 * are written back.
 */
export function createDivergenceGuard({ independent, termNames, squaredResidual, best }: DivergenceGuardSettings): DivergenceGuard {
  const residual = termNames.indexOf(residualLoss.name);
  let firstNonFinite: string | undefined;
  return {
    inspect(terms, points) {
      firstNonFinite = residual >= 0 && !Number.isFinite(terms[residual]!) ? firstNonFinitePoint(independent, points, squaredResidual) : undefined;
    },
    check(at, total, terms) {
      const culprit = termNames.findIndex((_, i) => !Number.isFinite(terms[i]!));
      if (Number.isFinite(total) && culprit < 0) return undefined;
      const what =
        culprit < 0
          ? `total loss is ${total}`
          : `loss term '${termNames[culprit]}' is ${terms[culprit]}${culprit === residual && firstNonFinite !== undefined ? `, first at ${firstNonFinite}` : ''}`;
      best.restore();
      return `diverged at epoch ${at} (${what})`;
    },
  };
}

/** The smallest point of the independent variable among `points` where the equation residual is not finite, as `t = 1.25`. */
function firstNonFinitePoint(independent: string, points: Tensor2D, squaredResidual: (points: Tensor2D) => Tensor1D): string | undefined {
  const residual = squaredResidual(points);
  const values = residual.dataSync();
  residual.dispose();
  const t = points.dataSync();
  let first = Number.POSITIVE_INFINITY;
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) first = Math.min(first, t[i]!);
  });
  return Number.isFinite(first) ? `${independent} = ${Number(first.toPrecision(6))}` : undefined;
}
