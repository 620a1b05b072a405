import { harmonicOscillator, logisticGrowth, sir } from '@quadrant/equations';
import { lossConformance, sinusoidNetwork } from '@quadrant/losses/conformance';
import { type LossContextV1, type Problem, QuadrantError } from '@quadrant/spec';
import { type Tensor2D, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { nonnegativeLoss } from './nonnegative-loss.ts';
import { siren } from './siren.ts';

/** The context a trainer builds for a problem without observations. */
const contextOf = (problem: Problem): LossContextV1 => ({ problem, unknowns: problem.unknowns.map((unknown) => unknown.name), data: undefined });
const logistic = contextOf(logisticGrowth);
const epidemic = contextOf(sir);

// The kit's default network is a positive sinusoid, which meets the bound and so makes the term
// constant (zero); as the kit asks, check the term on networks that break it.
const dipping = (context: LossContextV1) =>
  sinusoidNetwork({
    amplitude: context.unknowns.map(() => 1),
    frequency: context.unknowns.map((_, j) => 0.9 + 0.3 * j),
    phase: context.unknowns.map((_, j) => 0.4 + 0.7 * j),
    offset: context.unknowns.map(() => 0.2),
  });

describe('nonnegative on logistic growth, on a sinusoid that dips below zero', () => {
  for (const check of lossConformance(nonnegativeLoss, { context: logistic, network: dipping })) it(check.name, check.run);
});

describe('nonnegative on SIR (three unknowns, two of them chosen), on a SIREN', () => {
  const network = (context: LossContextV1) => siren.build(siren.options.parse({ hidden: [16] }), { inputs: 1, outputs: context.unknowns.length, seed: 2 });
  for (const check of lossConformance(nonnegativeLoss, { context: epidemic, network, options: { unknowns: ['S', 'I'], floor: 0.5 } })) {
    it(check.name, check.run);
  }
});

describe('nonnegative values', () => {
  /** The term's value on `network` at `ts`. */
  const termValue = (context: LossContextV1, options: unknown, network: ReturnType<typeof sinusoidNetwork>, ts: readonly number[]): number => {
    const instance = nonnegativeLoss.create(context, nonnegativeLoss.options.parse(options));
    try {
      return tidy(() => {
        const collocation: Tensor2D = tensor2d([...ts], [ts.length, 1]);
        const step = { epoch: 0, collocation, parameters: {}, jets: (input: Tensor2D, order: number) => network.jets(input, order) };
        return instance.evaluate(step).dataSync()[0]!;
      });
    } finally {
      instance.dispose();
    }
  };

  it('is the mean of max(floor − u, 0)² over the points and the chosen unknowns, worked by hand', () => {
    // Columns (S, I, R) = (sin t + 0.2, 2·sin t + 0.2, cos t − 3); the term is told to read S and R only.
    const network = sinusoidNetwork({ amplitude: [1, 2, 1], frequency: [1, 1, 1], phase: [0, 0, Math.PI / 2], offset: [0.2, 0.2, -3] });
    const ts = [0, 1, 3.5, 4.5, 6];
    try {
      const shortfall = (u: number, floor: number) => Math.max(floor - u, 0) ** 2;
      const expected = (floor: number) =>
        ts.reduce((total, t) => total + shortfall(Math.sin(t) + 0.2, floor) + shortfall(Math.cos(t) - 3, floor), 0) / (2 * ts.length);
      expect(termValue(epidemic, { unknowns: ['S', 'R'] }, network, ts)).toBeCloseTo(expected(0), 5);
      expect(termValue(epidemic, { unknowns: ['S', 'R'], floor: -1 }, network, ts)).toBeCloseTo(expected(-1), 5);
      expect(expected(0)).toBeGreaterThan(1);
    } finally {
      network.dispose();
    }
  });

  it('is exactly zero where every unknown stays above the floor', () => {
    const network = sinusoidNetwork({ amplitude: [0.5], frequency: [1.3], phase: [0.4], offset: [1.5] });
    try {
      expect(termValue(logistic, {}, network, [0, 2.5, 5, 7.5, 10])).toBe(0);
    } finally {
      network.dispose();
    }
  });

  it('refuses an unknown the problem lacks, naming the term, the problem and the closest name', () => {
    let error: unknown;
    try {
      nonnegativeLoss.create(epidemic, nonnegativeLoss.options.parse({ unknowns: ['S', 'R0'] }));
    } catch (caught) {
      error = caught;
    }
    expect(QuadrantError.hasCode(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toBe("nonnegative (problem 'sir'): options.unknowns: no unknown 'R0' (unknowns: S, I, R) (did you mean 'R'?)");
    expect(nonnegativeLoss.options.safeParse({ unknowns: [] }).error?.issues[0]?.path).toEqual(['unknowns']);
    expect(nonnegativeLoss.options.safeParse({ flor: 0 }).success).toBe(false);
  });

  it('works on a second-order problem too: it reads values only (order 0)', () => {
    const instance = nonnegativeLoss.create(contextOf(harmonicOscillator), nonnegativeLoss.options.parse({}));
    expect(instance.order).toBe(0);
    instance.dispose();
  });
});
