import { z } from 'zod';

/**
 * Collocation points a sampler may draw per epoch, refused when its options are parsed, before
 * any point is allocated: 10^6 points through a network of width 4096 already take 16 GB per
 * layer activation; the presets use 32–501.
 */
export const collocationPointsLimit = 1_000_000;

/** A number of collocation points (or candidates) from `minimum` up to {@link collocationPointsLimit}. */
export function collocationPoints(minimum: number) {
  return z.int().min(minimum).max(collocationPointsLimit, `exceeds the limit of ${collocationPointsLimit} collocation points`);
}
