import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

const draw = (seed: number, count: number, kind: 'uniform' | 'normal'): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random[kind]());
};

describe('seededRandom', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(draw(42, 100, 'uniform')).toEqual(draw(42, 100, 'uniform'));
    expect(draw(42, 100, 'normal')).toEqual(draw(42, 100, 'normal'));
    expect(draw(42, 100, 'uniform')).not.toEqual(draw(43, 100, 'uniform'));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const values = draw(7, 100_000, 'uniform');
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('draws standard normals: mean 0, variance 1, 68% within one standard deviation', () => {
    const values = draw(11, 100_000, 'normal');
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    const within = values.filter((value) => Math.abs(value) < 1).length / values.length;
    // Five standard errors (1/√n each) of slack: a broken transform misses by far more.
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(values.length));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / values.length));
    expect(within).toBeCloseTo(0.6827, 2);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});
