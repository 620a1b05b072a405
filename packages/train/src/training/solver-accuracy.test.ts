import { compileProblem, exponentialDecay, harmonicOscillator, logisticGrowth, lotkaVolterra, sir } from '@quadrant/equations';
import { relativeL2 } from '@quadrant/metrics';
import { solveProblem } from '@quadrant/solvers';
import type { Problem } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from './train.ts';

const grid = (problem: Problem, points = 201): Float64Array => {
  const [start, end] = problem.domain;
  return Float64Array.from({ length: points }, (_, i) => start + ((end - start) * i) / (points - 1));
};

/** Relative L2 of a preset's network (the solver preset by default) against a reference, pooled over the unknowns. */
async function solverError(problem: Problem, reference: (t: Float64Array) => Record<string, Float64Array>, overrides: unknown = {}, preset = 'solver') {
  const settings = resolveSettings(preset, overrides, defaultRegistry);
  const result = await train(problem, settings, { registry: defaultRegistry });
  const t = grid(problem);
  const predicted = result.model.predict(t);
  const expected = reference(t);
  const names = problem.unknowns.map((unknown) => unknown.name);
  const error = relativeL2(
    Float64Array.from(names.flatMap((name) => Array.from(predicted[name]!))),
    Float64Array.from(names.flatMap((name) => Array.from(expected[name]!))),
  );
  result.model.dispose();
  console.log(
    `${problem.name}: relL2 ${error.toExponential(2)}, ${result.epochs} epochs, ${result.seconds.toFixed(2)} s, ${result.status} ${result.reason ?? ''}`,
  );
  return { error, result };
}

const odexReference = (problem: Problem) => (t: Float64Array) => solveProblem(problem, { grid: t }).unknowns;
const closedForm = (problem: Problem) => {
  const exact = compileProblem(problem).exact!;
  return (t: Float64Array) => ({ [problem.unknowns[0]!.name]: Float64Array.from(t, (each) => exact(each)[0]!) });
};

describe('the solver preset (random features, marching, Levenberg–Marquardt in float64)', () => {
  it("solves the article's problem, exponential-decay, to relative L2 ≤ 1e-8 against the closed form, and calls it solved", async () => {
    const { error, result } = await solverError(exponentialDecay, closedForm(exponentialDecay));
    expect(error).toBeLessThan(1e-8);
    expect(result.verdict.status).toBe('solved');
    expect(result.backend).toBe('float64');
  });

  it('solves harmonic-oscillator to relative L2 ≤ 1e-8 against odex', async () => {
    const { error } = await solverError(harmonicOscillator, odexReference(harmonicOscillator));
    expect(error).toBeLessThan(1e-8);
  });

  it('solves lotka-volterra over two cycles to relative L2 ≤ 1e-6 against odex', async () => {
    const { error } = await solverError(lotkaVolterra, odexReference(lotkaVolterra));
    expect(error).toBeLessThan(1e-6);
  });

  it.each([0, 1])('marches logistic-growth (seed %i) past the fixed point y = 0 that traps one network to relative L2 ≤ 1e-6', async (seed) => {
    const { error, result } = await solverError(logisticGrowth, closedForm(logisticGrowth), { seed });
    expect(error).toBeLessThan(1e-6);
    expect(result.model.pieces.length).toBeGreaterThan(1);
  });

  it.each([0, 1])('marches sir (seed %i) to relative L2 ≤ 1e-6 against odex', async (seed) => {
    const { error, result } = await solverError(sir, odexReference(sir), { seed });
    expect(error).toBeLessThan(1e-6);
    expect(result.verdict.status).toBe('solved');
  });
});

describe('the solver-first-order preset: one tanh MLP over the whole domain, Adam then L-BFGS', () => {
  it('settles on the fixed point y = 0 of logistic-growth, and the verdict says unsolved without a reference', async () => {
    const { error, result } = await solverError(logisticGrowth, closedForm(logisticGrowth), {}, 'solver-first-order');
    expect(error).toBeGreaterThan(0.5);
    expect(result.verdict.status).toBe('unsolved');
    expect(result.verdict.estimatedError).toBeGreaterThan(1);
  });

  it('solves logistic-growth to relative L2 ≤ 1e-2 with causal weighting during the Adam phase, and the verdict estimates its error within a factor 3', async () => {
    const overrides = { losses: { residual: { weight: 1, options: { causality: 1000, causalEpochs: 300 } } } };
    const { error, result } = await solverError(logisticGrowth, closedForm(logisticGrowth), overrides, 'solver-first-order');
    expect(error).toBeLessThan(1e-2);
    expect(result.verdict.estimatedError / error).toBeGreaterThan(1 / 3);
    expect(result.verdict.estimatedError / error).toBeLessThan(3);
  });
});
