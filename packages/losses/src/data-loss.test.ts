import { exponentialDecay, harmonicOscillator, lotkaVolterra } from '@quadrant/equations';
import { mlp } from '@quadrant/networks';
import { QuadrantError } from '@quadrant/spec';
import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lossConformance } from './conformance/loss-conformance.ts';
import { type SinusoidValues, sinusoidNetwork } from './conformance/sinusoid-network.ts';
import { dataLoss } from './data-loss.ts';
import { evaluateTerm } from './evaluate-term.fixture.ts';
import { exponentialNetwork } from './exponential-network.fixture.ts';
import { lossContext } from './loss-context.fixture.ts';
import { sinusoidJet } from './sinusoid-jet.fixture.ts';
import { testStep } from './test-step.fixture.ts';

const values: SinusoidValues = { amplitude: [0.8, 1.1], frequency: [1.3, 0.7], phase: [0.2, 1.4], offset: [0.4, 1.5] };
const t = [0, 1, 2];

function refusal(create: () => unknown): QuadrantError {
  try {
    create();
  } catch (error) {
    if (QuadrantError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a QuadrantError');
}

describe('data', () => {
  it('is the mean squared error against observations at 3 points (by hand)', () => {
    const single: SinusoidValues = { amplitude: [0.8], frequency: [1.3], phase: [0.2], offset: [0.4] };
    const network = sinusoidNetwork(single);
    const observed = [1, 0.5, 0.2];
    const evaluation = evaluateTerm(dataLoss, lossContext(exponentialDecay, { t, values: { y: observed } }), network, [0.3, 4]);
    network.dispose();
    // y(t) = 0.8·sin(1.3t + 0.2) + 0.4 at t = 0, 1, 2.
    const expected = t.reduce((sum, time, i) => sum + (0.8 * Math.sin(1.3 * time + 0.2) + 0.4 - observed[i]!) ** 2, 0) / 3;
    expect(Math.abs(evaluation.value - expected)).toBeLessThan(1e-6 * expected);
    expect(evaluation.order).toBe(0);
    expect(evaluation.requests).toEqual([{ rows: 3, order: 0, collocation: false }]);
  });

  it('averages over every observed unknown of a system (by hand)', () => {
    const network = sinusoidNetwork(values);
    const prey = [1.5, 1.2, 0.9];
    const predator = [1, 1.4, 1.1];
    const evaluation = evaluateTerm(dataLoss, lossContext(lotkaVolterra, { t, values: { predator, prey } }), network, [1]);
    network.dispose();
    let total = 0;
    t.forEach((time, i) => {
      total += (sinusoidJet(values, 0, time, 0) - prey[i]!) ** 2 + (sinusoidJet(values, 1, time, 0) - predator[i]!) ** 2;
    });
    expect(Math.abs(evaluation.value - total / 6)).toBeLessThan(1e-6 * (total / 6));
  });

  it('compares only the unknowns observed, in their own output column (by hand)', () => {
    const network = sinusoidNetwork(values);
    const predator = [1, 1.4, 1.1];
    const evaluation = evaluateTerm(dataLoss, lossContext(lotkaVolterra, { t, values: { predator } }), network, [1]);
    network.dispose();
    const expected = t.reduce((sum, time, i) => sum + (sinusoidJet(values, 1, time, 0) - predator[i]!) ** 2, 0) / 3;
    expect(Math.abs(evaluation.value - expected)).toBeLessThan(1e-6 * expected);
    // The prey column gets no gradient: only the predator's half of each variable moves.
    for (const gradient of evaluation.networkGradients) {
      expect(gradient[0]).toBe(0);
      expect(gradient[1]).not.toBe(0);
    }
  });

  it('covers a growing time span and random windows of consecutive samples, then every sample (by hand)', () => {
    // Observations off by i at the i-th sample of t = 0…7 (given out of order): the misfit of a sample set is the mean of i².
    const times = [3, 0, 1, 2, 7, 4, 5, 6];
    const observed = times.map((time) => Math.exp(-time) + time);
    const context = lossContext(exponentialDecay, { t: times, values: { y: observed } });
    const network = exponentialNetwork(1, 1);
    const collocation = tensor2d([0], [1, 1]);
    const at = (options: object, epoch: number) => {
      const instance = dataLoss.create(context, dataLoss.options.parse(options));
      const value = tidy(() => instance.evaluate({ ...testStep(network, collocation, {}), epoch }).dataSync()[0]!);
      instance.dispose();
      return value;
    };
    const meanSquareOf = (samples: readonly number[]) => samples.reduce((sum, i) => sum + i * i, 0) / samples.length;
    const span = { span: { start: 0.25, epochs: 100 } };
    // Epoch 0: t ≤ 0 + 0.25·7 (samples 0, 1); epoch 60: t ≤ 0.7·7 = 4.9 (0…4); from epoch 100: all.
    expect(at(span, 0)).toBeCloseTo(meanSquareOf([0, 1]), 4);
    expect(at(span, 60)).toBeCloseTo(meanSquareOf([0, 1, 2, 3, 4]), 4);
    expect(at(span, 100)).toBeCloseTo(meanSquareOf([0, 1, 2, 3, 4, 5, 6, 7]), 4);
    const windows = { windows: { size: 3, until: 50 } };
    const starts = new Set<number>();
    for (let epoch = 0; epoch < 20; epoch++) {
      const value = at(windows, epoch);
      expect(at(windows, epoch)).toBe(value);
      const start = [0, 1, 2, 3, 4, 5].find((from) => Math.abs(value - meanSquareOf([from, from + 1, from + 2])) < 1e-3);
      expect(start).toBeDefined();
      starts.add(start!);
    }
    expect(starts.size).toBeGreaterThan(2);
    expect(at(windows, 50)).toBeCloseTo(meanSquareOf([0, 1, 2, 3, 4, 5, 6, 7]), 4);
    // Both: windows within the span (epoch 0: the two samples in it).
    expect(at({ ...span, ...windows }, 0)).toBeCloseTo(meanSquareOf([0, 1]), 4);
    network.dispose();
    collocation.dispose();
  });

  it('refuses a run without observations, naming the term, the problem and the fix', () => {
    const error = refusal(() => dataLoss.create(lossContext(exponentialDecay), {}));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(
      `data (problem 'exponential-decay'): the 'data' term needs observations and the run has none; add "data": { "t": [...], "y": [...] } to the problem, or drop the 'data' term (the 'solver' quadrant trains without it)`,
    );
  });

  it('refuses a series for a name that is not an unknown, with the closest name', () => {
    const error = refusal(() => dataLoss.create(lossContext(lotkaVolterra, { t, values: { preys: [1, 2, 3] } }), {}));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(
      "data (problem 'lotka-volterra'): data has a series 'preys', which is not an unknown (unknowns: prey, predator) (did you mean 'prey'?)",
    );
  });

  it('refuses a series whose length differs from data.t, and data without a series', () => {
    const mismatch = refusal(() => dataLoss.create(lossContext(exponentialDecay, { t, values: { y: [1, 2] } }), {}));
    expect(mismatch.code).toBe('SHAPE_MISMATCH');
    expect(mismatch.message).toBe("data (problem 'exponential-decay'): data.y has 2 values but data.t has 3 points");
    const empty = refusal(() => dataLoss.create(lossContext(exponentialDecay, { t, values: {} }), {}));
    expect(empty.code).toBe('CONFIG_INVALID');
    expect(empty.message).toBe(`data (problem 'exponential-decay'): data has points but no series; add one per observed unknown, e.g. "y": [...]`);
  });
});

describe('data passes the loss conformance kit', () => {
  describe('exponential decay, sinusoid network', () => {
    const context = lossContext(exponentialDecay, { t: [0, 0.5, 1, 2, 4], values: { y: [1, 0.61, 0.37, 0.14, 0.02] } });
    for (const check of lossConformance(dataLoss, { context })) it(check.name, check.run);
  });
  describe('lotka-volterra with the predator observed, sinusoid network', () => {
    const context = lossContext(lotkaVolterra, { t, values: { predator: [1, 1.4, 1.1] } });
    for (const check of lossConformance(dataLoss, { context })) it(check.name, check.run);
  });
  describe('harmonic oscillator, tanh mlp', () => {
    const context = lossContext(harmonicOscillator, { t: [0, 1, 2, 3], values: { y: [1, 0.54, -0.42, -0.99] } });
    const network = () => mlp.build(mlp.options.parse({ hidden: [8, 8] }), { inputs: 1, outputs: 1, seed: 6 });
    for (const check of lossConformance(dataLoss, { context, network })) it(check.name, check.run);
  });
});
