import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { defineProblem } from '../parse/define-problem.ts';
import { compileProblem } from './compile-problem.ts';

const decay = defineProblem({
  name: 'decay',
  description: 'inverse decay',
  parameters: { k: { value: 1, guess: 0.5, learn: true }, c: { guess: 2, learn: true }, d: 3 },
  equations: { "y'": '-k*y + 0*c*d' },
  initial: { y: 1 },
  domain: [0, 5],
  exact: { y: 'exp(-k*t)' },
});

describe('compileProblem', () => {
  it('uses value ?? guess for each parameter, overridden by the caller', () => {
    expect(compileProblem(decay).parameters).toEqual({ k: 1, c: 2, d: 3 });
    const compiled = compileProblem(decay, { k: 2 });
    expect(compiled.parameters).toEqual({ k: 2, c: 2, d: 3 });
    const out = new Float64Array(1);
    compiled.system.rhs(0, Float64Array.of(3), out);
    expect(out[0]).toBe(-6);
    expect(compiled.exact?.(1)[0]).toBeCloseTo(Math.exp(-2), 15);
  });

  it('gives the closed forms in declaration order, and none unless every unknown has one', () => {
    const system = {
      name: 'pair',
      description: 'two decoupled decays',
      equations: { "u'": '-u', "v'": '-2*v' },
      initial: { u: 1, v: 1 },
      domain: [0, 1] as [number, number],
    };
    const both = compileProblem(defineProblem({ ...system, exact: { v: 'exp(-2*t)', u: 'exp(-t)' } }));
    expect(Array.from(both.exact!(1))).toEqual([Math.exp(-1), Math.exp(-2)]);
    expect(compileProblem(defineProblem({ ...system, exact: { u: 'exp(-t)' } })).exact).toBeUndefined();
  });

  it('refuses an override of a parameter the problem does not have, with the nearest name', () => {
    const error = (() => {
      try {
        compileProblem(decay, { kk: 1 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(QuadrantError.hasCode(error, 'INPUT_INVALID')).toBe(true);
    expect((error as Error).message).toBe("decay: parameters.kk: no such parameter (did you mean 'k'?); parameters: k, c, d");
    expect(() => compileProblem(decay, { k: Number.NaN })).toThrow('decay: parameters.k: expected a finite number, got NaN');
  });

  it('checks a Problem built by hand as it compiles it', () => {
    const handMade = { ...decay, equations: { y: '-kk*y' }, origin: 'plugin:decay' };
    expect(() => compileProblem(handMade)).toThrow(`plugin:decay: equations["y'"]: unknown symbol 'kk' (did you mean 'k'?)`);
  });

  it('refuses an equation that is not finite at the initial values, naming it, t and the state', () => {
    const singular = (equation: string) =>
      defineProblem({ name: 'singular', description: 'd', equations: { "y''": equation }, initial: { y: 1, "y'": 0 }, domain: [0, 2] });
    for (const [equation, value] of [
      ['log(y - 2)', 'NaN'],
      ['1/(y - 1)', 'Infinity'],
      ["y'^-1", 'Infinity'],
    ] as const) {
      const error = (() => {
        try {
          compileProblem(singular(equation));
        } catch (caught) {
          return caught;
        }
      })();
      expect(QuadrantError.hasCode(error, 'PROBLEM_INVALID')).toBe(true);
      expect((error as Error).message).toBe(
        `singular: equations["y''"]: is ${value} at the initial values (t = 0, y = 1, y' = 0); the equation is singular where the problem starts: move the domain's start or change the initial values`,
      );
    }
    // Singular later in the domain is the solver's to report: the problem itself is fine.
    expect(() => compileProblem(singular('1/(1 - t)'))).not.toThrow();
  });
});
