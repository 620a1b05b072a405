import { QuadrantError } from '@quadrant/spec';
import { checkSameLength } from './check-same-length.ts';
import type { ErrorFigures } from './error-figures.ts';
import { pooledErrorFigures } from './pooled-error-figures.ts';

/** A named closed interval [from, to] of the independent variable (bounds may be ±Infinity). */
export interface ErrorInterval {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Error figures on each interval separately, over the points with from ≤ t ≤ to: in-domain
 * against extrapolation, say `[{ name: 'domain', from: 0, to: 5 }, { name: 'extrapolation', from: 5, to: 10 }]`
 * (a point on a shared bound counts in both).
 * @param t - [N] points of the independent variable
 * @param predicted - [N] values at `t`
 * @param reference - [N] reference values at `t`
 * @returns interval name → its figures
 * @throws QuadrantError `SHAPE_MISMATCH` when the lengths differ; `INPUT_INVALID` naming an
 *   interval that holds no point of `t`, or a name given twice
 */
export function perInterval(
  t: ArrayLike<number>,
  predicted: ArrayLike<number>,
  reference: ArrayLike<number>,
  intervals: readonly ErrorInterval[],
): Record<string, ErrorFigures> {
  checkSameLength('perInterval', predicted, reference);
  checkSameLength('perInterval', predicted, t, 't');
  const figures: Record<string, ErrorFigures> = {};
  for (const { name, from, to } of intervals) {
    if (Object.hasOwn(figures, name))
      throw new QuadrantError('INPUT_INVALID', `perInterval: interval '${name}' is given twice; give each interval its own name`);
    const inside: number[] = [];
    for (let i = 0; i < t.length; i++) if (from <= t[i]! && t[i]! <= to) inside.push(i);
    if (inside.length === 0) {
      throw new QuadrantError(
        'INPUT_INVALID',
        `perInterval: interval '${name}' [${from}, ${to}] holds none of the ${t.length} points of t; widen it or add points inside it`,
      );
    }
    const pick = (values: ArrayLike<number>) => Float64Array.from(inside, (i) => values[i]!);
    figures[name] = pooledErrorFigures('perInterval', [{ where: `perInterval: interval '${name}'`, predicted: pick(predicted), reference: pick(reference) }]);
  }
  return figures;
}
