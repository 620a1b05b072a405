import { lotkaVolterra } from '@quadrant/equations';
import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { buildNetwork } from './build-network.ts';

const settings = (overrides: object) => resolveSettings('solver', { architecture: { name: 'mlp', options: { hidden: [8] } }, ...overrides }, defaultRegistry);

describe('buildNetwork', () => {
  it('builds one network per unknown when asked, each with its own weights, still meeting the initial values', () => {
    const shared = buildNetwork(lotkaVolterra, settings({}), defaultRegistry);
    const perUnknown = buildNetwork(lotkaVolterra, settings({ networks: 'per-unknown' }), defaultRegistry);
    // mlp [8]: weights and biases of two layers; one per unknown doubles them.
    expect(shared.variables).toHaveLength(4);
    expect(perUnknown.variables).toHaveLength(8);
    expect(perUnknown.shape.outputs).toBe(2);
    const [first, second] = [perUnknown.variables[0]!.dataSync(), perUnknown.variables[4]!.dataSync()];
    expect(Array.from(first)).not.toEqual(Array.from(second));
    const atStart = tidy(() => Array.from(perUnknown.jets(tensor2d([[0]]), 0)[0]!.dataSync()));
    expect(atStart[0]).toBeCloseTo(1.5, 6);
    expect(atStart[1]).toBeCloseTo(1, 6);
    shared.dispose();
    perUnknown.dispose();
  });

  it('takes the trial factor from the settings, its timescale as a share of the domain', () => {
    // Same seed, same weights: y = y0 + (t − t0)·N(t) against y0 + (1 − exp(−(t − t0)/τ))·N(t), τ = 0.25 × 12.
    const polynomial = buildNetwork(lotkaVolterra, settings({ trialSolution: { factor: 'polynomial' } }), defaultRegistry);
    const exponential = buildNetwork(lotkaVolterra, settings({ trialSolution: { factor: 'exponential', timescale: 0.25 } }), defaultRegistry);
    const ts = [0.5, 3, 11];
    const values = (network: typeof polynomial) => tidy(() => Array.from(network.jets(tensor2d(ts, [ts.length, 1]), 0)[0]!.dataSync()));
    const [p, e] = [values(polynomial), values(exponential)];
    ts.forEach((t, i) => {
      [1.5, 1].forEach((y0, j) => {
        const inner = (p[2 * i + j]! - y0) / t;
        expect(e[2 * i + j]).toBeCloseTo(y0 + (1 - Math.exp(-t / 3)) * inner, 5);
      });
    });
    polynomial.dispose();
    exponential.dispose();
  });
});
