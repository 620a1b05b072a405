import { memory, type Tensor2D, tensor1d, tensor2d } from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { createDivergenceGuard } from './divergence-guard.ts';

/** A guard over `termNames` whose squared residual at four points is `residual`; counts restores and residual evaluations. */
function guardOf(termNames: string[], residual = [1, Number.NaN, Number.POSITIVE_INFINITY, 1]) {
  const best = { restore: vi.fn() };
  const squaredResidual = vi.fn((_points: Tensor2D) => tensor1d(residual));
  const guard = createDivergenceGuard({ independent: 'x', termNames, squaredResidual, best });
  return { guard, best, squaredResidual };
}
const withPoints = <T>(use: (points: Tensor2D) => T): T => {
  const points = tensor2d([0.5, 0.25, 1, 2], [4, 1]);
  try {
    return use(points);
  } finally {
    points.dispose();
  }
};

describe('the divergence guard', () => {
  it('lets a finite epoch pass without restoring or looking at the residual', () => {
    const { guard, best, squaredResidual } = guardOf(['residual', 'initial-condition']);
    withPoints((points) => guard.inspect([0.5, 0.1], points));
    expect(guard.check(3, 0.6, [0.5, 0.1])).toBeUndefined();
    expect(best.restore).not.toHaveBeenCalled();
    expect(squaredResidual).not.toHaveBeenCalled();
  });

  it('names the total when every term is finite, and restores the best weights', () => {
    const { guard, best } = guardOf(['residual']);
    expect(guard.check(7, Number.NaN, [1])).toBe('diverged at epoch 7 (total loss is NaN)');
    expect(best.restore).toHaveBeenCalledOnce();
  });

  it('names the first term that is not finite', () => {
    const { guard, best } = guardOf(['initial-condition', 'data', 'residual']);
    expect(guard.check(12, Number.POSITIVE_INFINITY, [1, Number.POSITIVE_INFINITY, Number.NaN])).toBe("diverged at epoch 12 (loss term 'data' is Infinity)");
    expect(best.restore).toHaveBeenCalledOnce();
  });

  it('for the equation residual, names the smallest point where it is not finite, and frees what it computed', () => {
    const { guard, squaredResidual } = guardOf(['initial-condition', 'residual']);
    const before = memory().numTensors;
    withPoints((points) => guard.inspect([1, Number.NaN], points));
    expect(memory().numTensors).toBe(before);
    expect(squaredResidual).toHaveBeenCalledOnce();
    expect(guard.check(4, Number.NaN, [1, Number.NaN])).toBe("diverged at epoch 4 (loss term 'residual' is NaN, first at x = 0.25)");
  });

  it('leaves the point out when the residual is finite at every point', () => {
    const { guard } = guardOf(['residual'], [1, 2, 3, 4]);
    withPoints((points) => guard.inspect([Number.NaN], points));
    expect(guard.check(2, Number.NaN, [Number.NaN])).toBe("diverged at epoch 2 (loss term 'residual' is NaN)");
  });
});
