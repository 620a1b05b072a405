import type { Problem } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../compile/compile-expression.ts';
import { compileProblem } from '../compile/compile-problem.ts';
import { defineProblem } from '../parse/define-problem.ts';
import { parseProblem } from '../parse/parse-problem.ts';
import { stateNames } from '../parse/prime-notation.ts';
import { problemToFile } from '../parse/problem-to-file.ts';
import { problemFileSchema } from '../schema/problem-file-schema.ts';
import { problemLibrary } from './problem-library.ts';

/**
 * The k-th derivative of f at t by the central difference Σ_j (−1)^j C(k, j) f(t + (k/2 − j) h) / h^k,
 * accurate to O(h²).
 */
function derivative(f: (t: number) => number, t: number, k: number): number {
  if (k === 0) return f(t);
  const h = 10 ** (-4 + k - 1);
  let sum = 0;
  let binomial = 1;
  for (let j = 0; j <= k; j++) {
    sum += (j % 2 === 0 ? 1 : -1) * binomial * f(t + (k / 2 - j) * h);
    binomial = (binomial * (k - j)) / (j + 1);
  }
  return sum / h ** k;
}

/**
 * How far a problem's closed forms are from satisfying it: at points across the domain, the
 * largest gap between the closed form's highest derivative (by differences) and the
 * right-hand side evaluated on the closed form, and at the start, between the closed form's
 * values and derivatives and the initial values; each relative to the size of what is compared.
 */
function closedFormGap(problem: Problem): number {
  const { system, exact } = compileProblem(problem);
  if (exact === undefined) throw new Error(`${problem.name} has no closed form`);
  const component = (index: number) => (t: number) => exact(t)[index]!;
  const [start, end] = problem.domain;
  let gap = 0;
  const compare = (actual: number, expected: number) => {
    gap = Math.max(gap, Math.abs(actual - expected) / Math.max(1, Math.abs(expected)));
  };
  for (let point = 1; point <= 7; point++) {
    const t = start + ((end - start) * point) / 8;
    const state = new Float64Array(system.names.length);
    let slot = 0;
    problem.unknowns.forEach(({ order }, index) => {
      for (let k = 0; k < order; k++) state[slot++] = derivative(component(index), t, k);
    });
    const out = new Float64Array(state.length);
    system.rhs(t, state, out);
    slot = 0;
    problem.unknowns.forEach(({ order }, index) => {
      slot += order;
      compare(derivative(component(index), t, order), out[slot - 1]!);
    });
  }
  problem.unknowns.forEach(({ name, order }, index) => {
    for (let k = 0; k < order; k++) compare(derivative(component(index), start, k), problem.initial[name]![k]!);
  });
  return gap;
}

/**
 * How far an invariant is from being conserved: at states spread around the initial state, the
 * largest |∇I · f| (gradient by central differences), relative to |∇I|·|f|.
 */
function invariantDrift(problem: Problem, invariant: string): number {
  const { system, parameters } = compileProblem(problem);
  const names = [problem.independent, ...Object.keys(parameters), ...system.names];
  const evaluate = compileExpression(invariant, names, `${problem.name}: invariant`);
  const values = (t: number, state: Float64Array) => Float64Array.of(t, ...Object.values(parameters), ...state);
  let drift = 0;
  for (let sample = 0; sample < 20; sample++) {
    // Deterministic spread: every component scaled by a factor in [0.6, 1.4], plus a shift, so logs stay defined.
    const state = system.y0.map((value, i) => value * (0.6 + 0.8 * (((sample * 7 + i * 3) % 11) / 10)) + 0.1 * (((sample + i) % 5) / 4));
    const t = problem.domain[0] + (sample / 20) * (problem.domain[1] - problem.domain[0]);
    const flow = new Float64Array(state.length);
    system.rhs(t, state, flow);
    let rate = 0;
    let gradientNorm = 0;
    for (let i = 0; i < state.length; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(state[i]!));
      const plus = Float64Array.from(state);
      const minus = Float64Array.from(state);
      plus[i] = state[i]! + h;
      minus[i] = state[i]! - h;
      const partial = (evaluate(values(t, plus)) - evaluate(values(t, minus))) / (2 * h);
      rate += partial * flow[i]!;
      gradientNorm += partial * partial;
    }
    const flowNorm = Math.hypot(...flow);
    drift = Math.max(drift, Math.abs(rate) / Math.max(1e-12, Math.sqrt(gradientNorm) * flowNorm));
  }
  return drift;
}

describe('problemLibrary', () => {
  it('holds the built-ins in a stable order', () => {
    expect(problemLibrary.map((problem) => problem.name)).toEqual([
      'exponential-decay',
      'linear-growth',
      'logistic-growth',
      'harmonic-oscillator',
      'damped-oscillator',
      'lotka-volterra',
      'van-der-pol',
      'sir',
      'pendulum',
      'lorenz',
      'lorenz-long',
      'robertson',
    ]);
  });

  it('has closed forms wherever they exist', () => {
    const withClosedForm = problemLibrary.filter((problem) => problem.exact !== undefined).map((problem) => problem.name);
    expect(withClosedForm).toEqual(['exponential-decay', 'linear-growth', 'logistic-growth', 'harmonic-oscillator', 'damped-oscillator']);
  });

  it("holds the article's problem as the article states it", () => {
    const decay = problemLibrary[0]!;
    expect(decay.equations).toEqual({ y: '-k*y' });
    expect(decay.parameters['k']).toEqual({ value: 1, guess: 1, learn: false });
    expect(decay.initial).toEqual({ y: [1] });
    expect(decay.domain).toEqual([0, 5]);
    expect(problemLibrary[1]!.independent).toBe('x');
  });

  for (const problem of problemLibrary) {
    describe(problem.name, () => {
      it('passes the problem file schema and reads back to itself', () => {
        const file = problemToFile(problem);
        expect(problemFileSchema.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
        expect(parseProblem(JSON.parse(JSON.stringify(file)), problem.origin)).toEqual(problem);
        expect(problem.description.length).toBeGreaterThan(20);
        expect(problem.source?.length ?? 0).toBeGreaterThan(20);
        expect(problem.origin).toBe(`library:${problem.name}`);
      });

      it('compiles to a finite right-hand side at its initial state', () => {
        const { system } = compileProblem(problem);
        const out = new Float64Array(system.names.length);
        system.rhs(system.t0, system.y0, out);
        expect(system.names).toEqual(stateNames(problem.unknowns));
        expect(out.every(Number.isFinite)).toBe(true);
      });

      if (problem.exact !== undefined) {
        it('has closed forms that satisfy its equations and initial values', () => {
          expect(closedFormGap(problem)).toBeLessThan(1e-5);
        });
      }

      for (const [name, invariant] of Object.entries(problem.invariants ?? {})) {
        it(`conserves its invariant '${name}' along the flow`, () => {
          expect(invariantDrift(problem, invariant)).toBeLessThan(1e-6);
        });
      }
    });
  }

  it('the closed-form check catches a wrong closed form', () => {
    const wrong = defineProblem({
      name: 'wrong',
      description: 'y = cos(2t) does not solve y′′ = −y',
      equations: { "y''": '-y' },
      initial: { y: 1, "y'": 0 },
      domain: [0, 3],
      exact: { y: 'cos(2*t)' },
    });
    expect(closedFormGap(wrong)).toBeGreaterThan(0.1);
    const wrongStart = defineProblem({ ...problemToFile(wrong), exact: { y: 'cos(t) + sin(t)' } });
    expect(closedFormGap(wrongStart)).toBeGreaterThan(0.1);
  });

  it('the invariant check catches a quantity that is not conserved', () => {
    expect(invariantDrift(problemLibrary[3]!, "y'^2/2 + 2*y^2")).toBeGreaterThan(0.01);
  });
});
