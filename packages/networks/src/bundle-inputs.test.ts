import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { randomFeatures } from './random-features.ts';
import { withExactInitialConditions } from './transforms/with-exact-initial-conditions.ts';
import { withInputScaling } from './transforms/with-input-scaling.ts';

// A bundle's network: input columns t and θ (a parameter), jets with respect to t only.
const build = () => randomFeatures.build(randomFeatures.options.parse({ features: 10 }), { inputs: 2, outputs: 1, seed: 5 });
const t = Float64Array.of(-0.8, -0.1, 0.3, 0.9);
const theta = Float64Array.of(0.5, -0.4, 1, -1);
const weights = Float64Array.from({ length: 11 }, (_, i) => Math.sin(2 * i + 1));

describe('random features of (t, θ): the float64 path takes the further input column', () => {
  it('gives the tfjs jets of the same network of two inputs', () => {
    const network = build();
    try {
      const path = network.float64!;
      path.write(weights);
      const float64 = path.jets(weights, t, 2, false, theta).jets;
      const input = Array.from(t, (each, i) => [each, theta[i]!]);
      const tensors = tidy(() => network.jets(tensor2d(input), 2).map((jet) => Array.from(jet.dataSync())));
      tensors.forEach((block, k) => {
        block.forEach((value, i) => {
          expect(float64[k]![i]!).toBeCloseTo(value, 4);
        });
      });
    } finally {
      network.dispose();
    }
  });

  it('depends on θ, and refuses points without their θ', () => {
    const network = build();
    try {
      const path = network.float64!;
      const at = (values: Float64Array) => path.jets(weights, t, 0, false, values).jets[0]!;
      expect(Array.from(at(theta))).not.toEqual(Array.from(at(theta.map((each) => each + 0.1))));
      expect(() => path.jets(weights, t, 0, false)).toThrow(/4 points of 2 inputs need 4 further input values, got 0/);
    } finally {
      network.dispose();
    }
  });
});

describe('a trial solution whose initial value is an input', () => {
  it('meets y(t0) = θ at every θ, scales θ to [−1, 1] inside, and its jets in t match differences', () => {
    const network = withExactInitialConditions(withInputScaling(build(), { start: 0, end: 2, further: [{ start: 0.5, end: 1.5 }] }), {
      t0: 0,
      values: [[1]],
      fromInputs: [{ output: 0, derivative: 0, column: 1 }],
    });
    try {
      const path = network.float64!;
      const y0 = Float64Array.of(0.5, 0.75, 1.5);
      expect(Array.from(path.jets(weights, new Float64Array(3), 0, false, y0).jets[0]!)).toEqual(Array.from(y0));
      const h = 1e-5;
      const points = Float64Array.of(0.3, 1.1);
      const inputs = Float64Array.of(0.8, 1.2);
      const jets = path.jets(weights, points, 1, false, inputs).jets;
      const shifted = (by: number) =>
        path.jets(
          weights,
          points.map((each) => each + by),
          0,
          false,
          inputs,
        ).jets[0]!;
      const [up, down] = [shifted(h), shifted(-h)];
      jets[1]!.forEach((value, i) => {
        expect(value).toBeCloseTo((up[i]! - down[i]!) / (2 * h), 6);
      });
      // The tfjs path cannot take initial values from inputs and says so.
      expect(() => tidy(() => network.jets(tensor2d([[0, 1]]), 1))).toThrow(/initial values taken from inputs are computed on the float64 path only/);
    } finally {
      network.dispose();
    }
  });
});
