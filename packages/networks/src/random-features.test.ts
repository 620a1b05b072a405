import { architectureConformance } from '@quadrant/networks/conformance';
import { describe, expect, it } from 'vitest';
import { randomFeatures } from './random-features.ts';

describe('random-features', () => {
  for (const check of architectureConformance(randomFeatures, { options: { features: 12 } })) it(check.name, check.run);
});

describe('random-features with sin features', () => {
  for (const check of architectureConformance(randomFeatures, { options: { features: 8, activation: 'sin' }, order: 2 })) it(check.name, check.run);
});

describe('random-features network', () => {
  it('trains only its output layer, which starts at zero, and is linear in it', () => {
    const network = randomFeatures.build(randomFeatures.options.parse({ features: 6 }), { inputs: 1, outputs: 2, seed: 3 });
    try {
      expect(network.variables.map((variable) => variable.shape)).toEqual([[6, 2], [2]]);
      const path = network.float64!;
      expect(path.size).toBe(14);
      expect(Array.from(path.read())).toEqual(new Array(14).fill(0));
      // Linear in the parameters: jets(a·p + b·q) = a·jets(p) + b·jets(q), and the Jacobian is the same everywhere.
      const t = Float64Array.of(-0.7, 0, 0.4);
      const p = Float64Array.from({ length: 14 }, (_, i) => Math.sin(i + 1));
      const q = Float64Array.from({ length: 14 }, (_, i) => Math.cos(3 * i));
      const mixed = Float64Array.from(p, (each, i) => 2 * each - 0.5 * q[i]!);
      const [jp, jq, jm] = [p, q, mixed].map((values) => path.jets(values, t, 2, true));
      jm!.jets.forEach((block, k) => {
        block.forEach((value, i) => {
          expect(value).toBeCloseTo(2 * jp!.jets[k]![i]! - 0.5 * jq!.jets[k]![i]!, 12);
        });
      });
      expect(jm!.jacobian).toEqual(jp!.jacobian);
    } finally {
      network.dispose();
    }
  });
});
