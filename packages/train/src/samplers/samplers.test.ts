import { tensor1d, type Tensor2D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chebyshevSampler } from './chebyshev-sampler.ts';
import { gridSampler } from './grid-sampler.ts';
import { jitteredGridSampler } from './jittered-grid-sampler.ts';
import { latinHypercubeSampler } from './latin-hypercube-sampler.ts';
import { r3Sampler } from './r3-sampler.ts';
import { residualAdaptiveSampler } from './residual-adaptive-sampler.ts';
import { sobolSampler } from './sobol-sampler.ts';
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

  it('chebyshev gives the first-kind nodes mapped onto the domain, increasing and denser at the ends', () => {
    const nodes = take(chebyshevSampler.create({ domain, seed: 0 }, chebyshevSampler.options.parse({ points: 4 })).points({ epoch: 0, residual: noResidual }));
    // t_k = 2 − cos((2k + 1)π/8) on [1, 3].
    const expected = [0, 1, 2, 3].map((k) => 2 - Math.cos(((2 * k + 1) * Math.PI) / 8));
    nodes.forEach((node, k) => {
      expect(node).toBeCloseTo(expected[k]!, 6);
    });
    expect(nodes[1]! - nodes[0]!).toBeLessThan(nodes[2]! - nodes[1]!);
  });

  it('latin-hypercube puts exactly one point in each of n equal strata, fresh every epoch and repeatable for a seed', () => {
    const draw = (seed: number) => {
      const instance = latinHypercubeSampler.create({ domain, seed }, latinHypercubeSampler.options.parse({ points: 40 }));
      return [0, 1].map((epoch) => take(instance.points({ epoch, residual: noResidual })));
    };
    const [first, second] = draw(5);
    for (const points of [first!, second!]) {
      const strata = points.map((t) => Math.min(39, Math.floor(((t - 1) / 2) * 40)));
      expect(new Set(strata).size).toBe(40);
    }
    expect(first).not.toEqual(second);
    expect(draw(5)).toEqual([first, second]);
  });

  it('sobol fills the domain more evenly than uniform draws: its 64 points leave no gap wider than 2/64 of it', () => {
    const gapOf = (points: number[]) => {
      const sorted = [...points].sort((a, b) => a - b);
      return Math.max(sorted[0]! - 1, 3 - sorted.at(-1)!, ...sorted.slice(1).map((t, i) => t - sorted[i]!)) / 2;
    };
    const sobol = sobolSampler.create({ domain, seed: 4 }, sobolSampler.options.parse({ points: 64 }));
    const uniform = uniformSampler.create({ domain, seed: 4 }, uniformSampler.options.parse({ points: 64 }));
    const first = take(sobol.points({ epoch: 0, residual: noResidual }));
    expect(gapOf(first)).toBeLessThanOrEqual(2 / 64 + 1e-6);
    expect(gapOf(take(uniform.points({ epoch: 0, residual: noResidual })))).toBeGreaterThan(2 / 64);
    // The next epoch continues the sequence, so both together are as even at 128 points.
    expect(gapOf([...first, ...take(sobol.points({ epoch: 1, residual: noResidual }))])).toBeLessThanOrEqual(2 / 128 + 1e-6);
  });

  it('r3 keeps the points whose residual exceeds the mean and redraws the others', () => {
    const sampler = r3Sampler.create({ domain, seed: 9 }, r3Sampler.options.parse({ points: 100, every: 5 }));
    const residual = (points: Tensor2D) => tensor1d(Array.from(points.dataSync(), (t) => (t > 2.5 ? 4 : 0.01)));
    const start = take(sampler.points({ epoch: 0, residual }));
    const kept = start.filter((t) => t > 2.5);
    expect(kept.length).toBeGreaterThan(0);
    expect(take(sampler.points({ epoch: 3, residual }))).toEqual(start);
    const after = take(sampler.points({ epoch: 5, residual }));
    // Retained in place; every other point is a fresh draw, so points above 2.5 only grow in number.
    start.forEach((t, i) => {
      if (t > 2.5) expect(after[i]).toBe(t);
      else expect(after[i]).not.toBe(t);
    });
    const later = take(sampler.points({ epoch: 10, residual }));
    expect(later.filter((t) => t > 2.5).length).toBeGreaterThan(kept.length);
  });
});
