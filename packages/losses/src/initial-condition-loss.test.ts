import { defineProblem, exponentialDecay, harmonicOscillator, lotkaVolterra } from '@quadrant/equations';
import { mlp, withExactInitialConditions } from '@quadrant/networks';
import { describe, expect, it } from 'vitest';
import { lossConformance } from './conformance/loss-conformance.ts';
import { type SinusoidValues, sinusoidNetwork } from './conformance/sinusoid-network.ts';
import { evaluateTerm } from './evaluate-term.fixture.ts';
import { initialConditionLoss } from './initial-condition-loss.ts';
import { lossContext } from './loss-context.fixture.ts';
import { sinusoidJet } from './sinusoid-jet.fixture.ts';

/** x' = −y, y'' = −x on [0.5, 2]: initial values x, y, y' at t0 = 0.5, orders 1 and 2 side by side. */
const mixedOrders = defineProblem({
  name: 'mixed-orders',
  description: "x' = -y, y'' = -x",
  equations: { "x'": '-y', "y''": '-x' },
  initial: { x: 1, y: -0.5, "y'": 2 },
  domain: [0.5, 2],
});

const values: SinusoidValues = { amplitude: [0.8, 1.1], frequency: [1.3, 0.7], phase: [0.2, 1.4], offset: [0.4, -0.3] };

describe('initial-condition', () => {
  it('is ~0 for a network that meets the initial condition (cos t for the harmonic oscillator)', () => {
    const network = sinusoidNetwork({ amplitude: [1], frequency: [1], phase: [Math.PI / 2], offset: [0] });
    const evaluation = evaluateTerm(initialConditionLoss, lossContext(harmonicOscillator), network, [1, 2]);
    network.dispose();
    expect(evaluation.value).toBeLessThan(1e-12);
  });

  it('is ~0 for a trial solution that meets it by construction, and has no gradient then', () => {
    const network = withExactInitialConditions(mlp.build(mlp.options.parse({ hidden: [8] }), { inputs: 1, outputs: 1, seed: 2 }), {
      t0: 0,
      values: [[1, 0]],
    });
    const evaluation = evaluateTerm(initialConditionLoss, lossContext(harmonicOscillator), network, [1, 2]);
    network.dispose();
    expect(evaluation.value).toBeLessThan(1e-12);
    for (const gradient of evaluation.networkGradients) expect(gradient.every((entry) => Math.abs(entry) < 1e-6)).toBe(true);
  });

  it('is the mean over every initial value of the squared mismatch (second order, by hand)', () => {
    const network = sinusoidNetwork({ amplitude: [0.8], frequency: [1.3], phase: [0.2], offset: [0.4] });
    const evaluation = evaluateTerm(initialConditionLoss, lossContext(harmonicOscillator), network, [1]);
    network.dispose();
    // y(0) = a·sin φ + c against 1, y'(0) = a·b·cos φ against 0.
    const expected = ((0.8 * Math.sin(0.2) + 0.4 - 1) ** 2 + (0.8 * 1.3 * Math.cos(0.2)) ** 2) / 2;
    expect(Math.abs(evaluation.value - expected)).toBeLessThan(1e-6 * expected);
  });

  it('compares each unknown up to its own order in a system of mixed orders, at domain[0] (by hand)', () => {
    const network = sinusoidNetwork(values);
    const evaluation = evaluateTerm(initialConditionLoss, lossContext(mixedOrders), network, [1]);
    network.dispose();
    const t0 = 0.5;
    const expected = ((sinusoidJet(values, 0, t0, 0) - 1) ** 2 + (sinusoidJet(values, 1, t0, 0) + 0.5) ** 2 + (sinusoidJet(values, 1, t0, 1) - 2) ** 2) / 3;
    expect(Math.abs(evaluation.value - expected)).toBeLessThan(1e-6 * expected);
  });

  it('compares every unknown of a first-order system (by hand)', () => {
    const network = sinusoidNetwork(values);
    const evaluation = evaluateTerm(initialConditionLoss, lossContext(lotkaVolterra), network, [1]);
    network.dispose();
    const expected = ((sinusoidJet(values, 0, 0, 0) - 1.5) ** 2 + (sinusoidJet(values, 1, 0, 0) - 1) ** 2) / 2;
    expect(Math.abs(evaluation.value - expected)).toBeLessThan(1e-6 * expected);
  });

  it('asks for nothing at the collocation points: one jets call on one point, up to the highest order minus one', () => {
    for (const [problem, order] of [
      [exponentialDecay, 0],
      [harmonicOscillator, 1],
      [mixedOrders, 1],
    ] as const) {
      const network = sinusoidNetwork(problem.unknowns.length === 1 ? { amplitude: [1], frequency: [1], phase: [0], offset: [0] } : values);
      const evaluation = evaluateTerm(initialConditionLoss, lossContext(problem), network, [1, 2, 3]);
      network.dispose();
      expect(evaluation.order).toBe(0);
      expect(evaluation.requests).toEqual([{ rows: 1, order, collocation: false }]);
    }
  });
});

describe('initial-condition passes the loss conformance kit', () => {
  for (const problem of [exponentialDecay, harmonicOscillator, lotkaVolterra, mixedOrders]) {
    describe(`${problem.name}, sinusoid network`, () => {
      for (const check of lossConformance(initialConditionLoss, { context: lossContext(problem) })) it(check.name, check.run);
    });
  }
  describe('harmonic oscillator, softplus mlp', () => {
    const network = () => mlp.build(mlp.options.parse({ hidden: [8, 8], activation: 'softplus' }), { inputs: 1, outputs: 1, seed: 4 });
    for (const check of lossConformance(initialConditionLoss, { context: lossContext(harmonicOscillator), network })) it(check.name, check.run);
  });
});
