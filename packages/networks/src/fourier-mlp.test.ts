import { describe, it } from 'vitest';
import { architectureConformance } from '@quadrant/networks/conformance';
import { activations } from './activations/activations.ts';
import { fourierMlp } from './fourier-mlp.ts';

for (const activation of Object.keys(activations)) {
  describe(`fourier-mlp with ${activation}`, () => {
    for (const check of architectureConformance(fourierMlp, { options: { activation } })) it(check.name, check.run);
  });
}
