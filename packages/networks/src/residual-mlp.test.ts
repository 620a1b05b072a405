import { describe, expect, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { activations } from './activations/activations.ts';
import { residualMlp } from './residual-mlp.ts';

for (const activation of Object.keys(activations)) {
  describe(`residual-mlp with ${activation}`, () => {
    for (const check of architectureConformance(residualMlp, { options: { activation } })) it(check.name, check.run);
  });
}

describe('residual-mlp options and layers', () => {
  it('defaults to width 32 and two blocks: input layer, two layers per block, output layer', () => {
    expect(residualMlp.options.parse({})).toEqual({ width: 32, blocks: 2, activation: 'tanh', negativeSlope: 0.01, initialiser: 'glorot-normal' });
    const network = residualMlp.build(residualMlp.options.parse({ width: 8, blocks: 3 }), { inputs: 1, outputs: 2, seed: 1 });
    expect(network.variables.map((variable) => variable.shape)).toEqual([[1, 8], [8], ...Array.from({ length: 6 }, () => [[8, 8], [8]]).flat(), [8, 2], [2]]);
    network.dispose();
  });
});

describe('residual-mlp without blocks (one hidden layer)', () => {
  for (const check of architectureConformance(residualMlp, { options: { blocks: 0, width: 16 }, order: 2 })) it(check.name, check.run);
});
