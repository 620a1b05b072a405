import { defineProblem } from '@quadrant/equations';
import { mlp } from '@quadrant/networks';
import { describe, expect, it } from 'vitest';
import { lossConformance } from './conformance/loss-conformance.ts';
import { dataLoss, energyLoss, initialConditionLoss, lossesPlugin, residualLoss } from './index.ts';
import { lossContext } from './loss-context.fixture.ts';

/** One problem every built-in accepts: an invariant, a learnable parameter and observations. */
const oscillator = defineProblem({
  name: 'oscillator-with-everything',
  description: "y'' = -omega^2*y with omega to be learned from data",
  parameters: { omega: { value: 1.5, guess: 1, learn: true } },
  equations: { "y''": '-omega^2*y' },
  initial: { y: 1, "y'": 0 },
  domain: [0, 4],
  invariants: { energy: "y'^2/2 + omega^2*y^2/2" },
  data: { t: [0.5, 1, 2, 3], y: [0.73, 0.07, -0.99, -0.21] },
});
const context = lossContext(oscillator, { t: oscillator.data!.t, values: oscillator.data!.values });

describe('lossesPlugin', () => {
  it('carries the four built-in terms under their registry names', () => {
    expect(lossesPlugin.specVersion).toBe('v1');
    expect(lossesPlugin.name).toBe('@quadrant/losses');
    expect(lossesPlugin.losses).toEqual([residualLoss, initialConditionLoss, dataLoss, energyLoss]);
    expect(lossesPlugin.losses?.map((term) => [term.name, term.needsData])).toEqual([
      ['residual', false],
      ['initial-condition', false],
      ['data', true],
      ['energy', false],
    ]);
  });

  for (const term of lossesPlugin.losses ?? []) {
    describe(`${term.name} with a tanh mlp`, () => {
      const network = () => mlp.build(mlp.options.parse({ hidden: [16, 16] }), { inputs: 1, outputs: 1, seed: 11 });
      for (const check of lossConformance(term, { context, network })) it(check.name, check.run);
    });
  }
});
