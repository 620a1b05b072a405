import { describe, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { activations } from './activations/activations.ts';
import { residualMlp } from './residual-mlp.ts';

for (const activation of Object.keys(activations)) {
  describe(`residual-mlp with ${activation}`, () => {
    for (const check of architectureConformance(residualMlp, { options: { activation } })) it(check.name, check.run);
  });
}
