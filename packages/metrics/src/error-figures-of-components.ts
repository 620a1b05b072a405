import { QuadrantError } from '@quadrant/spec';
import type { ErrorFigures } from './error-figures.ts';
import { pooledErrorFigures } from './pooled-error-figures.ts';

/**
 * Error figures of a run with several unknowns, pooled over all of them as one stacked
 * vector: mse and rmse average over every point of every component, relativeL2 is
 * ‖p − r‖₂ / ‖r‖₂ of the stacked vectors (so a component with large values weighs more),
 * maxAbs the largest error anywhere.
 * @param predicted - component name → [N] values (the same names as `reference`)
 * @param reference - component name → [N] reference values
 * @throws QuadrantError `SHAPE_MISMATCH` when the names or a component's lengths differ;
 *   `INPUT_INVALID` when there are no points
 */
export function errorFiguresOfComponents(
  predicted: Readonly<Record<string, ArrayLike<number>>>,
  reference: Readonly<Record<string, ArrayLike<number>>>,
): ErrorFigures {
  const names = Object.keys(reference);
  const extra = Object.keys(predicted).filter((name) => !Object.hasOwn(reference, name));
  const missing = names.filter((name) => !Object.hasOwn(predicted, name));
  if (extra.length > 0 || missing.length > 0) {
    const parts = [missing.length > 0 && `predicted lacks ${missing.join(', ')}`, extra.length > 0 && `reference lacks ${extra.join(', ')}`];
    throw new QuadrantError(
      'SHAPE_MISMATCH',
      `errorFiguresOfComponents: the components differ (${parts.filter(Boolean).join('; ')}); give both the same names`,
    );
  }
  return pooledErrorFigures(
    'errorFiguresOfComponents',
    names.map((name) => ({ where: `errorFiguresOfComponents: component '${name}'`, predicted: predicted[name]!, reference: reference[name]! })),
  );
}
