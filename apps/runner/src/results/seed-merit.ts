import type { CellResult } from './cell-result.ts';

/** What ranks one seed of a cell against the others: nothing of it comes from the reference. */
export interface SeedMerit {
  /** Training ended without diverging or failing. */
  readonly finished: boolean;
  /** The verdict's status and estimated relative L2 error (null when not finite), when the run was judged. */
  readonly verdict?: { readonly status: 'solved' | 'unsolved'; readonly estimatedError: number | null } | undefined;
  /** The last total loss of training (null when not finite or when nothing was trained). */
  readonly finalLoss: number | null;
}

/**
 * Negative when seed `a` is the better one: a finished run before a diverged or failed one, then
 * solved by the verdict before unsolved, then the smaller estimated error, then the smaller final
 * loss (the only figure a run without a verdict, such as a bundle's, has). Ties keep the order given.
 */
export function compareSeedMerit(a: SeedMerit, b: SeedMerit): number {
  const rank = (merit: SeedMerit) => [
    merit.finished ? 0 : 1,
    merit.verdict?.status === 'solved' ? 0 : 1,
    merit.verdict?.estimatedError ?? Number.POSITIVE_INFINITY,
    merit.finalLoss ?? Number.POSITIVE_INFINITY,
  ];
  const [left, right] = [rank(a), rank(b)];
  for (let index = 0; index < left.length; index += 1) {
    if (left[index]! !== right[index]!) return left[index]! < right[index]! ? -1 : 1;
  }
  return 0;
}

/** A finished cell's merit among its seeds. */
export function meritOfResult(result: CellResult): SeedMerit {
  return { finished: result.status === 'ok', verdict: result.verdict, finalLoss: result.history.total.at(-1) ?? null };
}

/** The best of a cell's seeds by `compareSeedMerit`: the first of equals. */
export function bestSeed(results: readonly CellResult[]): CellResult {
  if (results.length === 0) throw new RangeError('bestSeed: no results');
  return results.reduce((best, result) => (compareSeedMerit(meritOfResult(result), meritOfResult(best)) < 0 ? result : best));
}

/** A trained network's or bundle's merit among its seeds, before it becomes a result (to keep the best while seeds still run). */
export function meritOfTraining(trained: {
  readonly status: string;
  readonly verdict?: { readonly status: 'solved' | 'unsolved'; readonly estimatedError: number };
  readonly history: { readonly total: readonly number[] };
}): SeedMerit {
  const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);
  return {
    finished: trained.status !== 'diverged',
    verdict: trained.verdict === undefined ? undefined : { status: trained.verdict.status, estimatedError: finite(trained.verdict.estimatedError) },
    finalLoss: finite(trained.history.total.at(-1)),
  };
}
