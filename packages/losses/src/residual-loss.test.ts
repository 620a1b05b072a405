import { compileProblem, defineProblem, exponentialDecay, harmonicOscillator, lorenz, lotkaVolterra } from '@quadrant/equations';
import { mlp, withExactInitialConditions } from '@quadrant/networks';
import { type Problem, QuadrantError } from '@quadrant/spec';
import { scalar, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lossConformance } from './conformance/loss-conformance.ts';
import { type SinusoidValues, sinusoidNetwork } from './conformance/sinusoid-network.ts';
import { evaluateTerm } from './evaluate-term.fixture.ts';
import { exponentialNetwork } from './exponential-network.fixture.ts';
import { lossContext } from './loss-context.fixture.ts';
import { residualLoss } from './residual-loss.ts';
import { testStep } from './test-step.fixture.ts';
import { sinusoidJet } from './sinusoid-jet.fixture.ts';

/** x' = −y·t, y'' = −x − 0.5·y': unknowns of orders 1 and 2 in one system. */
const mixedOrders = defineProblem({
  name: 'mixed-orders',
  description: "x' = -y*t, y'' = -x - c*y'",
  parameters: { c: 0.5 },
  equations: { "x'": '-y*t', "y''": "-x - c*y'" },
  initial: { x: 1, y: 0, "y'": 1 },
  domain: [0, 2],
});

/** Exponential decay with k unknown: an inverse problem starting from k = 0.5. */
const decayWithUnknownRate = defineProblem({
  name: 'decay-unknown-rate',
  description: "y' = -k*y with k to be learned",
  parameters: { k: { value: 1, guess: 0.5, learn: true } },
  equations: { "y'": '-k*y' },
  initial: { y: 1 },
  domain: [0, 2],
});

const grid = (problem: Problem, count: number): number[] => {
  const [start, end] = problem.domain;
  return Array.from({ length: count }, (_, i) => start + ((i + 0.5) / count) * (end - start));
};

const sinusoids = (outputs: number): SinusoidValues => ({
  amplitude: Array.from({ length: outputs }, (_, j) => 0.8 + 0.3 * j),
  frequency: Array.from({ length: outputs }, (_, j) => 1.1 + 0.4 * j),
  phase: Array.from({ length: outputs }, (_, j) => 0.3 + 0.7 * j),
  offset: Array.from({ length: outputs }, (_, j) => 1.2 - 0.2 * j),
});

/** The mean over points and equations of (u^(m) − f)², in float64 from the numeric right-hand side of `compileProblem`. */
function residualByHand(problem: Problem, values: SinusoidValues, ts: readonly number[]): number {
  const { system, unknownIndex } = compileProblem(problem);
  const out = new Float64Array(system.names.length);
  let total = 0;
  for (const t of ts) {
    const state = Float64Array.from(problem.unknowns.flatMap(({ order }, j) => Array.from({ length: order }, (_, k) => sinusoidJet(values, j, t, k))));
    system.rhs(t, state, out);
    problem.unknowns.forEach(({ name, order }, j) => {
      total += (sinusoidJet(values, j, t, order) - out[unknownIndex[name]! + order - 1]!) ** 2;
    });
  }
  return total / (ts.length * problem.unknowns.length);
}

describe('residual', () => {
  for (const problem of [exponentialDecay, harmonicOscillator, lotkaVolterra, lorenz, mixedOrders]) {
    it(`${problem.name}: the value is the mean over points and equations of (u^(m) − rhs)², checked in float64`, () => {
      const values = sinusoids(problem.unknowns.length);
      const network = sinusoidNetwork(values);
      const ts = grid(problem, 8);
      const evaluation = evaluateTerm(residualLoss, lossContext(problem), network, ts);
      network.dispose();
      const expected = residualByHand(problem, values, ts);
      expect(expected).toBeGreaterThan(1e-2);
      expect(Math.abs(evaluation.value - expected)).toBeLessThan(1e-4 * expected);
    });
  }

  it("declares the problem's highest order and asks for exactly that once, at the collocation points", () => {
    for (const [problem, order] of [
      [exponentialDecay, 1],
      [harmonicOscillator, 2],
      [mixedOrders, 2],
    ] as const) {
      const network = sinusoidNetwork(sinusoids(problem.unknowns.length));
      const evaluation = evaluateTerm(residualLoss, lossContext(problem), network, grid(problem, 4));
      network.dispose();
      expect(evaluation.order).toBe(order);
      expect(evaluation.requests).toEqual([{ rows: 4, order, collocation: true }]);
    }
  });

  it('is ~0 for the exact solution of exponential decay, and positive (by hand) for a wrong rate', () => {
    const ts = grid(exponentialDecay, 16);
    const network = exponentialNetwork(1, 1);
    const exact = evaluateTerm(residualLoss, lossContext(exponentialDecay), network, ts);
    // With y = e^(−κt) the residual is y' + k·y = (k − κ)·e^(−κt).
    const wrong = evaluateTerm(residualLoss, lossContext(exponentialDecay), network, ts, { k: 1.5 });
    network.dispose();
    expect(exact.value).toBeLessThan(1e-12);
    const expected = ts.reduce((sum, t) => sum + 0.25 * Math.exp(-2 * t), 0) / ts.length;
    expect(Math.abs(wrong.value - expected)).toBeLessThan(1e-5 * expected);
  });

  it('weighs each point causally by exp(−ε·mean of the squared residuals before it), the weights held out of the gradient', () => {
    // Unsorted points: the weights follow time, not the order of the rows.
    const ts = [0.4, 0.1, 0.3, 0.2, 0.0];
    const epsilon = 20;
    const network = exponentialNetwork(1, 1);
    const causal = evaluateTerm(residualLoss, lossContext(exponentialDecay), network, ts, { k: 1.5 }, { causality: epsilon });
    const plain = evaluateTerm(residualLoss, lossContext(exponentialDecay), network, ts, { k: 1.5 }, { causality: 0 });
    network.dispose();
    // r(t) = 0.5·e^(−t); w(t) = exp(−ε/N · Σ_{s < t} r(s)²).
    const squared = (t: number) => 0.25 * Math.exp(-2 * t);
    const sorted = [...ts].sort((a, b) => a - b);
    const expected =
      sorted.reduce((sum, t, i) => sum + Math.exp((-epsilon / ts.length) * sorted.slice(0, i).reduce((before, s) => before + squared(s), 0)) * squared(t), 0) /
      ts.length;
    expect(Math.abs(causal.value - expected)).toBeLessThan(1e-5 * expected);
    expect(causal.value).toBeLessThan(0.9 * plain.value);
    // The value is a²·(Σ w·(k − κ)²e^(−2κt))/N: with w constant, d/da = 2·value at a = 1.
    expect(Math.abs(causal.networkGradients[0]![0]! - 2 * causal.value)).toBeLessThan(1e-5);
  });

  it('weighs causally only in its first causalEpochs epochs, then returns the plain mean', () => {
    const ts = [0, 0.1, 0.2, 0.3, 0.4];
    const network = exponentialNetwork(1, 1);
    const k = scalar(1.5);
    const collocation = tensor2d(ts, [ts.length, 1]);
    const instance = residualLoss.create(lossContext(exponentialDecay), residualLoss.options.parse({ causality: 20, causalEpochs: 3 }));
    const valueAt = (epoch: number) => tidy(() => instance.evaluate({ ...testStep(network, collocation, { k }), epoch }).dataSync()[0]!);
    const [causal, last, plain] = [valueAt(0), valueAt(2), valueAt(3)];
    instance.dispose();
    network.dispose();
    k.dispose();
    collocation.dispose();
    // r(t) = 0.5·e^(−t): the plain mean of r², and the causal one with its smaller weights.
    const mean = ts.reduce((sum, t) => sum + 0.25 * Math.exp(-2 * t), 0) / ts.length;
    expect(Math.abs(plain - mean)).toBeLessThan(1e-5 * mean);
    expect(causal).toBeLessThan(0.9 * plain);
    expect(Math.abs(last - causal)).toBeLessThan(1e-3 * causal);
  });

  it('sends a gradient to a learnable parameter that points towards the true rate (inverse problem)', () => {
    const ts = grid(decayWithUnknownRate, 16);
    const network = exponentialNetwork(1, 1);
    const context = lossContext(decayWithUnknownRate);
    const meanDecay = ts.reduce((sum, t) => sum + Math.exp(-2 * t), 0) / ts.length;
    // value = (k − 1)²·mean(e^(−2t)), so d value / dk = 2(k − 1)·mean(e^(−2t)).
    for (const k of [0.5, 1, 1.5]) {
      const evaluation = evaluateTerm(residualLoss, context, network, ts, { k });
      const expected = 2 * (k - 1) * meanDecay;
      expect(Math.abs(evaluation.parameterGradients.k! - expected)).toBeLessThan(1e-5 + 1e-5 * Math.abs(expected));
    }
    expect(evaluateTerm(residualLoss, context, network, ts).parameterGradients.k).toBeLessThan(0);
    network.dispose();
  });

  it('is ~0 for the exact harmonic oscillator cos(ωt)', () => {
    const network = sinusoidNetwork({ amplitude: [1], frequency: [1], phase: [Math.PI / 2], offset: [0] });
    const evaluation = evaluateTerm(residualLoss, lossContext(harmonicOscillator), network, grid(harmonicOscillator, 32));
    network.dispose();
    expect(evaluation.value).toBeLessThan(1e-12);
  });

  it('refuses options it does not have, and a network without an output for an unknown', () => {
    expect(residualLoss.options.safeParse({}).success).toBe(true);
    expect(residualLoss.options.safeParse({ normalise: true }).success).toBe(false);
    let error: unknown;
    try {
      residualLoss.create({ ...lossContext(lotkaVolterra), unknowns: ['prey', 'predators'] }, residualLoss.options.parse({}));
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toBe(
      "residual (problem 'lotka-volterra'): the unknown 'predator' has no network output (outputs: prey, predators); give the network one output per unknown, in the problem's order",
    );
  });

  it('says so when the jets have the wrong number of columns', () => {
    const network = sinusoidNetwork(sinusoids(1));
    expect(() => evaluateTerm(residualLoss, lossContext(lotkaVolterra), network, grid(lotkaVolterra, 4))).toThrow(
      "residual (problem 'lotka-volterra'): the jet of order 0 has 1 columns, but the problem has 2 unknowns (prey, predator)",
    );
    network.dispose();
  });
});

describe('residual passes the loss conformance kit', () => {
  for (const problem of [exponentialDecay, harmonicOscillator, lotkaVolterra, mixedOrders, decayWithUnknownRate]) {
    describe(`${problem.name}, sinusoid network`, () => {
      for (const check of lossConformance(residualLoss, { context: lossContext(problem) })) it(check.name, check.run);
    });
  }
  describe('lorenz, tanh mlp', () => {
    const network = () => mlp.build(mlp.options.parse({ hidden: [8, 8] }), { inputs: 1, outputs: 3, seed: 3 });
    for (const check of lossConformance(residualLoss, { context: lossContext(lorenz), network })) it(check.name, check.run);
  });
  describe('decay with a learnable rate, sin mlp with the initial condition built in', () => {
    const network = () =>
      withExactInitialConditions(mlp.build(mlp.options.parse({ hidden: [8], activation: 'sin' }), { inputs: 1, outputs: 1, seed: 5 }), {
        t0: 0,
        values: [[1]],
      });
    for (const check of lossConformance(residualLoss, { context: lossContext(decayWithUnknownRate), network })) it(check.name, check.run);
  });
});
