import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { activations } from './activations/activations.ts';
import { fourierMlp } from './fourier-mlp.ts';

for (const activation of Object.keys(activations)) {
  describe(`fourier-mlp with ${activation}`, () => {
    for (const check of architectureConformance(fourierMlp, { options: { activation } })) it(check.name, check.run);
  });
}

describe('fourier-mlp features', () => {
  it('defaults to 16 frequencies of scale 1 feeding hidden layers [32, 32]', () => {
    expect(fourierMlp.options.parse({})).toEqual({
      features: 16,
      scale: 1,
      hidden: [32, 32],
      activation: 'tanh',
      negativeSlope: 0.01,
      initialiser: 'glorot-normal',
    });
    const network = fourierMlp.build(fourierMlp.options.parse({ features: 5, hidden: [7] }), { inputs: 1, outputs: 1, seed: 1 });
    // The first layer sees a sine and a cosine per frequency; the frequencies are not trained.
    expect(network.variables.map((variable) => variable.shape)).toEqual([[10, 7], [7], [7, 1], [1]]);
    network.dispose();
  });

  it('a larger scale gives faster-varying outputs (the frequencies grow with it)', () => {
    const meanSquareSlope = (scale: number): number => {
      const network = fourierMlp.build(fourierMlp.options.parse({ scale }), { inputs: 1, outputs: 1, seed: 2 });
      let result = 0;
      tidy(() => {
        const slope = Float32Array.from(
          network
            .jets(
              tensor2d(
                Array.from({ length: 64 }, (_, i) => i / 32),
                [64, 1],
              ),
              1,
            )[1]!
            .dataSync(),
        );
        result = slope.reduce((total, value) => total + value * value, 0) / slope.length;
      });
      network.dispose();
      return result;
    };
    expect(meanSquareSlope(4)).toBeGreaterThan(4 * meanSquareSlope(0.25));
  });
});

describe('fourier-mlp with two inputs and a high scale', () => {
  for (const check of architectureConformance(fourierMlp, { options: { scale: 3, features: 8 }, shape: { inputs: 2, outputs: 1 } })) it(check.name, check.run);
});
