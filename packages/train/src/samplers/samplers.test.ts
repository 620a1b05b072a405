import { tensor1d, type Tensor2D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gridSampler } from './grid-sampler.ts';
import { jitteredGridSampler } from './jittered-grid-sampler.ts';
import { residualAdaptiveSampler } from './residual-adaptive-sampler.ts';
import { uniformSampler } from './uniform-sampler.ts';

const domain = [1, 3] as const;
const noResidual = () => {
  throw new Error('not adaptive');
};
const take = (points: Tensor2D): number[] => {
  const values = Array.from(points.dataSync());
  points.dispose();
  return values;
};

describe('samplers', () => {
  it('grid spans the domain with both ends, and can grow its window from the start', () => {
    const grid = gridSampler.create({ domain, seed: 0 }, gridSampler.options.parse({ points: 5 }));
    expect(take(grid.points({ epoch: 0, residual: noResidual }))).toEqual([1, 1.5, 2, 2.5, 3]);
    const growing = gridSampler.create({ domain, seed: 0 }, gridSampler.options.parse({ points: 3, expandOver: 4 }));
    expect(take(growing.points({ epoch: 1, residual: noResidual }))).toEqual([1, 1.5, 2]);
    expect(take(growing.points({ epoch: 4, residual: noResidual }))).toEqual([1, 2, 3]);
  });

  it('jittered-grid and uniform stay in the domain, change every epoch and repeat for a seed', () => {
    for (const sampler of [jitteredGridSampler, uniformSampler]) {
      const draw = (seed: number) => {
        const instance = sampler.create({ domain, seed }, sampler.options.parse({ points: 50, ...(sampler === jitteredGridSampler ? { sigma: 0.5 } : {}) }));
        return [0, 1].map((epoch) => take(instance.points({ epoch, residual: noResidual })));
      };
      const [first, second] = draw(1);
      expect(first).not.toEqual(second);
      expect(draw(1)).toEqual([first, second]);
      expect(draw(2)[0]).not.toEqual(first);
      for (const value of [...first!, ...second!]) {
        expect(value).toBeGreaterThanOrEqual(1);
        expect(value).toBeLessThanOrEqual(3);
      }
    }
  });

  it('residual-adaptive picks points where the squared residual is large', () => {
    const sampler = residualAdaptiveSampler.create({ domain, seed: 3 }, residualAdaptiveSampler.options.parse({ points: 200, every: 10 }));
    // Residual only above t = 2.5: every picked point must be there.
    const residual = (points: Tensor2D) => tensor1d(Array.from(points.dataSync(), (t) => (t > 2.5 ? 1 : 0)));
    expect(take(sampler.points({ epoch: 0, residual }))).toHaveLength(200);
    const picked = take(sampler.points({ epoch: 10, residual }));
    expect(picked.every((t) => t > 2.5)).toBe(true);
  });
});
