import type { CellVerdict } from './cell-result.ts';

/**
 * A verdict in one line, as the run output and the report show it:
 * `solved (estimated relative L2 8.03e-9, tolerance 0.001; largest scaled residual 9.35e-4 in y at t = 1.800e-5)`.
 */
export function describeVerdict(verdict: CellVerdict): string {
  const figure = (value: number | null) => (value === null ? 'not finite' : value.toExponential(2));
  const { worstResidual } = verdict;
  return `${verdict.status} (estimated relative L2 ${figure(verdict.estimatedError)}, tolerance ${verdict.tolerance}; largest scaled residual ${figure(worstResidual.value)} in ${worstResidual.unknown} at t = ${worstResidual.t.toPrecision(4)})`;
}
