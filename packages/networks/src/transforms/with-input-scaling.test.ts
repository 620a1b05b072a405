import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { defineArchitecture, QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { mlp } from '../mlp.ts';
import { withExactInitialConditions } from './with-exact-initial-conditions.ts';
import { withInputScaling } from './with-input-scaling.ts';

const interval = { start: 2, end: 14 };
const shape = { inputs: 1, outputs: 2, seed: 5 };

describe('withInputScaling', () => {
  it('is N((t − c)/h) with derivatives divided by h^k', () => {
    const inner = mlp.build(mlp.options.parse({}), shape);
    const network = withInputScaling(inner, interval);
    const ts = [2, 5, 8, 14];
    tidy(() => {
      const outer = network.jets(tensor2d(ts, [4, 1]), 2).map((jet) => Array.from(jet.dataSync()));
      // c = 8, h = 6: the inner network sees (t − 8)/6.
      const seen = inner
        .jets(
          tensor2d(
            ts.map((t) => (t - 8) / 6),
            [4, 1],
          ),
          2,
        )
        .map((jet) => Array.from(jet.dataSync()));
      for (let k = 0; k <= 2; k++) {
        outer[k]!.forEach((value, i) => {
          expect(value).toBeCloseTo(seen[k]![i]! / 6 ** k, 6);
        });
      }
    });
    network.dispose();
  });

  it('refuses an empty or reversed interval', () => {
    const inner = mlp.build(mlp.options.parse({}), shape);
    expect(() => withInputScaling(inner, { start: 1, end: 1 })).toThrow(QuadrantError);
    expect(() => withInputScaling(inner, { start: 3, end: 1 })).toThrow('start < end');
    inner.dispose();
  });
});

// As an architecture, the scaled network (alone and under a trial solution) passes the kit:
// jets against finite differences, weight gradients, and the mlp's fast path carried over.
const scaledMlp = defineArchitecture({ ...mlp, build: (options, networkShape) => withInputScaling(mlp.build(options, networkShape), interval) });
describe('withInputScaling on a tanh mlp', () => {
  it('carries the fast path over', () => {
    const network = scaledMlp.build(mlp.options.parse({}), shape);
    expect(network.jetsWithVjp).toBeTypeOf('function');
    network.dispose();
  });
  for (const check of architectureConformance(scaledMlp)) it(check.name, check.run);
});
const exactScaledMlp = defineArchitecture({
  ...mlp,
  build: (options, networkShape) =>
    withExactInitialConditions(withInputScaling(mlp.build(options, networkShape), interval), { t0: 2, values: [[1, 0], [0.5]].slice(0, networkShape.outputs) }),
});
describe('withInputScaling under exact initial conditions', () => {
  for (const check of architectureConformance(exactScaledMlp, { shape: { outputs: 2 }, options: { activation: 'sin' } })) it(check.name, check.run);
});
