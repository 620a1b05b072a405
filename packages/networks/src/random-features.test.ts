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

  it('gives the same float64 jets at points it has seen, at points changed in place, at another order and with further inputs changed', () => {
    const options = randomFeatures.options.parse({ features: 5 });
    const build = (inputs: number) => randomFeatures.build(options, { inputs, outputs: 2, seed: 7 });
    /** The jets of a network built for this one call, so nothing of an earlier call can be reused. */
    const once = (inputs: number, parameters: Float64Array, t: Float64Array, order: number, further?: Float64Array) => {
      const network = build(inputs);
      try {
        return network.float64!.jets(parameters, t, order, true, further);
      } finally {
        network.dispose();
      }
    };
    const [single, bundle] = [build(1), build(2)];
    try {
      const p = Float64Array.from({ length: single.float64!.size }, (_, i) => Math.sin(2 * i + 1));
      const t = Float64Array.of(-0.5, 0.1, 0.8);
      const theta = Float64Array.of(0.3, -0.2, 0.9);
      // Each call follows another at the same points, at changed points or inputs, or at another order.
      const calls: [Float64Array, number, Float64Array][] = [
        [t, 2, theta],
        [t, 2, theta],
        [Float64Array.of(-0.5, 0.1, 0.7), 2, theta],
        [t, 2, Float64Array.of(0.3, -0.2, 0.8)],
        [t, 1, theta],
        [t, 2, theta],
      ];
      for (const [points, order, further] of calls) {
        expect(single.float64!.jets(p, points, order, true)).toEqual(once(1, p, points, order));
        expect(bundle.float64!.jets(p, points, order, true, further)).toEqual(once(2, p, points, order, further));
      }
      // Points changed in place after a call are seen at the next.
      single.float64!.jets(p, t, 2, true);
      t[1] = 0.25;
      expect(single.float64!.jets(p, t, 2, true)).toEqual(once(1, p, t, 2));
    } finally {
      single.dispose();
      bundle.dispose();
    }
  });
});
