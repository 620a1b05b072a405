import { defineProblem, exponentialDecay, harmonicOscillator, lotkaVolterra } from '@quadrant/equations';
import { mlp } from '@quadrant/networks';
import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { lossConformance } from './conformance/loss-conformance.ts';
import { sinusoidNetwork } from './conformance/sinusoid-network.ts';
import { energyLoss } from './energy-loss.ts';
import { evaluateTerm } from './evaluate-term.fixture.ts';
import { lossContext } from './loss-context.fixture.ts';

/** The harmonic oscillator with ω to be learned, starting from ω = 2. */
const unknownFrequency = defineProblem({
  name: 'oscillator-unknown-frequency',
  description: "y'' = -omega^2*y with omega to be learned",
  parameters: { omega: { value: 1, guess: 2, learn: true } },
  equations: { "y''": '-omega^2*y' },
  initial: { y: 1, "y'": 0 },
  domain: [0, 6],
  invariants: { energy: "y'^2/2 + omega^2*y^2/2" },
});

const grid = (count: number, end: number): number[] => Array.from({ length: count }, (_, i) => ((i + 0.5) / count) * end);
const cosine = (amplitude: number) => sinusoidNetwork({ amplitude: [amplitude], frequency: [1], phase: [Math.PI / 2], offset: [0] });

describe('energy', () => {
  it('is ~0 for the exact harmonic oscillator cos t, and asks for jets below the highest order', () => {
    const network = cosine(1);
    const evaluation = evaluateTerm(energyLoss, lossContext(harmonicOscillator), network, grid(32, 2 * Math.PI));
    network.dispose();
    expect(evaluation.value).toBeLessThan(1e-12);
    expect(evaluation.order).toBe(1);
    expect(evaluation.requests).toEqual([{ rows: 32, order: 1, collocation: true }]);
  });

  it('penalises the drift from the energy of the initial condition (by hand)', () => {
    // y = 1.1·cos t conserves its own energy 1.21/2, which is 0.105 above the initial condition's 1/2.
    const network = cosine(1.1);
    const evaluation = evaluateTerm(energyLoss, lossContext(harmonicOscillator), network, grid(32, 2 * Math.PI));
    network.dispose();
    expect(Math.abs(evaluation.value - 0.105 ** 2)).toBeLessThan(1e-6);
  });

  it('lets a learnable parameter in the invariant get its gradient (by hand)', () => {
    // y = cos t with ω learnable: the drift is y'²/2 + ω²y²/2 − ω²/2 = (1 − ω²)·sin²t / 2.
    const ts = grid(16, 6);
    const sin4 = ts.reduce((sum, t) => sum + Math.sin(t) ** 4, 0) / ts.length;
    const network = cosine(1);
    for (const omega of [0.5, 2]) {
      const evaluation = evaluateTerm(energyLoss, lossContext(unknownFrequency), network, ts, { omega });
      const expected = ((1 - omega ** 2) ** 2 / 4) * sin4;
      const gradient = -omega * (1 - omega ** 2) * sin4;
      expect(Math.abs(evaluation.value - expected)).toBeLessThan(1e-5 * expected);
      expect(Math.abs(evaluation.parameterGradients.omega! - gradient)).toBeLessThan(1e-5 * Math.abs(gradient));
    }
    network.dispose();
  });

  it('refuses a problem without invariants, naming the problem and the term', () => {
    let error: unknown;
    try {
      energyLoss.create(lossContext(exponentialDecay), {});
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toBe(
      `energy (problem 'exponential-decay'): the 'energy' term needs a conserved quantity and the problem declares none; add one, e.g. "invariants": { "energy": "y'^2/2 + omega^2*y^2/2" }, or drop the 'energy' term`,
    );
  });
});

describe('energy passes the loss conformance kit', () => {
  for (const problem of [harmonicOscillator, unknownFrequency, lotkaVolterra]) {
    describe(`${problem.name}, sinusoid network`, () => {
      for (const check of lossConformance(energyLoss, { context: lossContext(problem) })) it(check.name, check.run);
    });
  }
  describe('harmonic oscillator, sin mlp', () => {
    const network = () => mlp.build(mlp.options.parse({ hidden: [8, 8], activation: 'sin' }), { inputs: 1, outputs: 1, seed: 7 });
    for (const check of lossConformance(energyLoss, { context: lossContext(harmonicOscillator), network })) it(check.name, check.run);
  });
});
