import { describe, expect, it } from 'vitest';
import { initialiserName, initialisers } from './initialisers.ts';
import { seededRandom } from '@quadrant/spec';

const standardDeviation = (values: Float32Array): number => Math.sqrt(values.reduce((total, value) => total + value * value, 0) / values.length);
const maxAbs = (values: Float32Array): number => values.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);

describe('initialisers', () => {
  const fanIn = 200;
  const fanOut = 100;

  it('glorot-normal draws N(0, 2/(fanIn + fanOut)) weights and zero biases', () => {
    const { weight, bias } = initialisers['glorot-normal'](fanIn, fanOut, seededRandom(1));
    expect(weight).toHaveLength(fanIn * fanOut);
    expect(standardDeviation(weight) / Math.sqrt(2 / (fanIn + fanOut))).toBeCloseTo(1, 1);
    expect(maxAbs(bias)).toBe(0);
  });

  it('glorot-uniform draws within ±√(6/(fanIn + fanOut)), filling the range', () => {
    const { weight, bias } = initialisers['glorot-uniform'](fanIn, fanOut, seededRandom(2));
    const bound = Math.sqrt(6 / (fanIn + fanOut));
    expect(maxAbs(weight)).toBeLessThanOrEqual(bound);
    expect(maxAbs(weight)).toBeGreaterThan(0.99 * bound);
    expect(maxAbs(bias)).toBe(0);
  });

  it('he-normal draws N(0, 2/fanIn)', () => {
    const { weight } = initialisers['he-normal'](fanIn, fanOut, seededRandom(3));
    expect(standardDeviation(weight) / Math.sqrt(2 / fanIn)).toBeCloseTo(1, 1);
  });

  it("pytorch-default draws weights and biases from U(±1/√fanIn), like PyTorch's nn.Linear", () => {
    const { weight, bias } = initialisers['pytorch-default'](fanIn, fanOut, seededRandom(4));
    const bound = 1 / Math.sqrt(fanIn);
    expect(maxAbs(weight)).toBeLessThanOrEqual(bound);
    expect(maxAbs(weight)).toBeGreaterThan(0.99 * bound);
    expect(maxAbs(bias)).toBeLessThanOrEqual(bound);
    expect(maxAbs(bias)).toBeGreaterThan(0.5 * bound);
  });

  it('the same stream gives the same weights', () => {
    for (const name of initialiserName.options) {
      expect(initialisers[name](3, 4, seededRandom(9))).toEqual(initialisers[name](3, 4, seededRandom(9)));
    }
  });

  it('an unknown name fails the schema listing the initialisers and the closest', () => {
    const parsed = initialiserName.safeParse('glorot-normall');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      "unknown initialiser 'glorot-normall'; available: glorot-normal, glorot-uniform, he-normal, pytorch-default (did you mean 'glorot-normal'?)",
    );
  });
});
