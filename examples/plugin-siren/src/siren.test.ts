import { architectureConformance } from '@quadrant/networks/conformance';
import { QuadrantError } from '@quadrant/spec';
import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildSiren, siren, sirenJetOrder } from './siren.ts';

// The kit a plugin author runs, exactly as the built-ins run it: one `it` per named check, each
// a plain async function that throws on failure.
describe('siren (default options: omega0 = 1)', () => {
  for (const check of architectureConformance(siren, { order: sirenJetOrder })) it(check.name, check.run);
});

describe("siren with the paper's omega0 = 30", () => {
  for (const check of architectureConformance(siren, { options: { omega0: 30 } })) it(check.name, check.run);
});

describe('siren with two inputs (t and a parameter), three sine layers', () => {
  for (const check of architectureConformance(siren, { options: { hidden: [16, 16, 16], omega0: 3 }, shape: { inputs: 2, outputs: 1 } })) {
    it(check.name, check.run);
  }
});

describe('siren options and network', () => {
  it('the kit checks every jet order the architecture declares against finite differences', () => {
    const names = architectureConformance(siren, { order: sirenJetOrder }).map((check) => check.name);
    expect(names.filter((name) => name.includes('central differences'))).toHaveLength(sirenJetOrder);
    expect(names.every((name) => name.startsWith('siren: '))).toBe(true);
  });

  it('defaults: two sine layers of 32 and omega0 = 1; a linear network and unknown options are refused', () => {
    expect(siren.options.parse({})).toEqual({ hidden: [32, 32], omega0: 1 });
    expect(siren.options.safeParse({ hidden: [] }).error?.issues[0]?.path).toEqual(['hidden']);
    expect(siren.options.safeParse({ omega: 30 }).error?.issues[0]?.message).toContain('omega');
  });

  it('draws the SIREN initialisation: first layer within ±1/fanIn, later layers within ±√(6/fanIn)/omega0, spread over the range', () => {
    const omega0 = 30;
    const network = buildSiren(siren.options.parse({ hidden: [64, 64], omega0 }), { inputs: 2, outputs: 1, seed: 3 });
    try {
      const [first, , second, , last] = network.variables.map((variable) => Array.from(variable.dataSync()));
      const widest = (values: number[]) => Math.max(...values.map(Math.abs));
      expect(widest(first!)).toBeLessThanOrEqual(1 / 2);
      expect(widest(first!)).toBeGreaterThan(0.9 / 2);
      for (const weights of [second!, last!]) {
        expect(widest(weights)).toBeLessThanOrEqual(Math.sqrt(6 / 64) / omega0);
        expect(widest(weights)).toBeGreaterThan((0.9 * Math.sqrt(6 / 64)) / omega0);
      }
    } finally {
      network.dispose();
    }
  });

  it('computes sin(omega0·(h·W + b)) in every hidden layer and a linear output, as a float64 forward pass from its weights does', () => {
    const omega0 = 2.5;
    const network = buildSiren(siren.options.parse({ hidden: [5, 4], omega0 }), { inputs: 1, outputs: 1, seed: 7 });
    try {
      const [w1, b1, w2, b2, w3, b3] = network.variables.map((variable) => Array.from(variable.dataSync()));
      const layer = (h: number[], weight: number[], bias: number[], sine: boolean): number[] =>
        bias.map((b, j) => {
          const z = h.reduce((total, value, i) => total + value * weight[i * bias.length + j]!, b);
          return sine ? Math.sin(omega0 * z) : z;
        });
      const ts = [-1, 0, 0.5, 2];
      const values = tidy(() => Array.from(network.jets(tensor2d(ts, [4, 1]), 0)[0]!.dataSync()));
      ts.forEach((t, i) => {
        const expected = layer(layer(layer([t], w1!, b1!, true), w2!, b2!, true), w3!, b3!, false)[0]!;
        expect(values[i]).toBeCloseTo(expected, 5);
      });
    } finally {
      network.dispose();
    }
  });

  it('refuses order 7 with JETS_UNSUPPORTED naming the architecture, and a wrong input width with SHAPE_MISMATCH', () => {
    const network = siren.build(siren.options.parse({}), { inputs: 1, outputs: 1, seed: 0 });
    try {
      const refusal = (run: () => void): unknown => {
        try {
          tidy(run);
        } catch (error) {
          return error;
        }
        return undefined;
      };
      const tooHigh = refusal(() => network.jets(tensor2d([[0]]), 7));
      expect(QuadrantError.hasCode(tooHigh, 'JETS_UNSUPPORTED')).toBe(true);
      expect((tooHigh as Error).message).toBe('siren: jets of order 7 requested, but this network gives input derivatives of orders 0 to 6 only');
      const tooWide = refusal(() => network.jets(tensor2d([[0, 1]]), 1));
      expect(QuadrantError.hasCode(tooWide, 'SHAPE_MISMATCH')).toBe(true);
      expect((tooWide as Error).message).toContain('siren: input of shape [1, 2] given, but this network takes [N, 1]');
    } finally {
      network.dispose();
    }
  });
});
