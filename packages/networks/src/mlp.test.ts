import { describe, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { activations } from './activations/activations.ts';
import { mlp } from './mlp.ts';

for (const activation of Object.keys(activations)) {
  describe(`mlp with ${activation}`, () => {
    for (const check of architectureConformance(mlp, { options: { activation } })) it(check.name, check.run);
  });
}
