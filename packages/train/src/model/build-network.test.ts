import { lotkaVolterra } from '@quadrant/equations';
import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { buildNetwork } from './build-network.ts';

const settings = (overrides: object) => resolveSettings('solver', { architecture: { options: { hidden: [8] } }, ...overrides }, defaultRegistry);

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
});
