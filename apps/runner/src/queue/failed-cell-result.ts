import { evenlySpaced } from '../cells/evenly-spaced.ts';
import { packageVersions } from '../cells/package-versions.ts';
import { type PreparedCell, resultIdentity } from '../cells/run-cell.ts';
import type { CellResult } from '../results/cell-result.ts';

const noFigures = { mse: null, rmse: null, relativeL2: null, maxAbs: null };

/**
 * The result of a queued cell whose every attempt crashed: status `failed` with the last
 * error as its reason, on the cell's evaluation grid with no values (nothing was computed, not
 * even the reference), so the report lists it without pictures and the next `bench` runs it
 * again, as it does a failed cell of a local run.
 */
export function failedCellResult(cell: PreparedCell, reason: string, startedAt: Date): CellResult {
  const { spec, problem } = cell;
  const [start, end] = problem.domain;
  const t = Array.from(evenlySpaced(start, end + (end - start), spec.evaluationPoints));
  const empty = { t, values: Object.fromEntries(problem.unknowns.map(({ name }) => [name, t.map(() => null)])) };
  return {
    ...resultIdentity(cell),
    status: 'failed',
    reason,
    backend: 'unknown',
    versions: packageVersions(),
    startedAt: startedAt.toISOString(),
    seconds: { total: 0, training: 0 },
    epochs: 0,
    history: { epoch: [], total: [], terms: {} },
    trainingDomain: [start, end],
    extrapolationDomain: [end, end + (end - start)],
    metrics: { inDomain: noFigures, extrapolation: noFigures },
    prediction: empty,
    reference: empty,
  };
}
