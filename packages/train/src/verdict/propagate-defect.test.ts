import { compileProblem, exponentialDecay, harmonicOscillator } from '@quadrant/equations';
import { describe, expect, it } from 'vitest';
import { stateSlots } from '../model/solution-state.ts';
import { propagateDefect } from './propagate-defect.ts';

const grid = (start: number, end: number, points: number) => Float64Array.from({ length: points }, (_, i) => start + ((end - start) * i) / (points - 1));

describe('propagateDefect', () => {
  it("finds the error of a perturbed solution of y' = −y from its residual alone", () => {
    // u = e^{−t} + ε·sin t has residual r = u' + u = ε(cos t + sin t); its error e = ε·sin t obeys
    // e' = −e + r exactly, so the estimate should be ε·sin t up to the trapezoidal rule's error.
    const epsilon = 1e-4;
    const { system } = compileProblem(exponentialDecay);
    const t = grid(0, 5, 2001);
    const jets = [Float64Array.from(t, (x) => Math.exp(-x) + epsilon * Math.sin(x)), Float64Array.from(t, (x) => -Math.exp(-x) + epsilon * Math.cos(x))];
    const estimate = propagateDefect(system, system.jacobian!, stateSlots(exponentialDecay), t, jets, 1);
    t.forEach((x, i) => {
      expect(Math.abs(estimate.error[i]! - epsilon * Math.sin(x))).toBeLessThan(1e-3 * epsilon);
      expect(estimate.residual[i]).toBeCloseTo(epsilon * (Math.cos(x) + Math.sin(x)), 12);
    });
  });

  it('carries the residual of a second-order equation through its derivative slot', () => {
    // y'' = −y (omega = 1). The exact solution cos t has no residual and no error; u = cos t + ε·t²
    // has r = u'' + u = ε(2 + t²), and its error e = ε·t² obeys e'' = −e + r exactly.
    const { system } = compileProblem(harmonicOscillator);
    const slots = stateSlots(harmonicOscillator);
    const t = grid(0, 2, 1001);
    const epsilon = 1e-5;
    const exact = [Float64Array.from(t, Math.cos), Float64Array.from(t, (x) => -Math.sin(x)), Float64Array.from(t, (x) => -Math.cos(x))];
    expect(Math.max(...propagateDefect(system, system.jacobian!, slots, t, exact, 1).error.map(Math.abs))).toBeLessThan(1e-15);
    const perturbed = [
      Float64Array.from(t, (x) => Math.cos(x) + epsilon * x * x),
      Float64Array.from(t, (x) => -Math.sin(x) + 2 * epsilon * x),
      Float64Array.from(t, (x) => -Math.cos(x) + 2 * epsilon),
    ];
    const estimate = propagateDefect(system, system.jacobian!, slots, t, perturbed, 1);
    const last = t.length - 1;
    // State [y, y']: the value's error is ε·t² and the derivative's 2ε·t, here at t = 2.
    expect(estimate.error[last * 2]! / (4 * epsilon)).toBeCloseTo(1, 4);
    expect(estimate.error[last * 2 + 1]! / (4 * epsilon)).toBeCloseTo(1, 4);
  });
});
