import { describe, expect, it } from 'vitest';
import { defineProblem } from '../parse/define-problem.ts';
import { reduceOrder } from './reduce-order.ts';

const thirdOrder = defineProblem({
  name: 'third-order',
  description: "y''' = -2y'' + y' - 3y + t",
  equations: { "y'''": "-2*y'' + y' - 3*y + t" },
  initial: { y: 1, "y'": 2, "y''": 3 },
  domain: [0.5, 2],
});

const mixed = defineProblem({
  name: 'mixed',
  description: "x'' = -a x + y, y' = x y + x' over s",
  independent: 's',
  parameters: { a: 4 },
  equations: { "x''": '-a*x + y', "y'": "x*y + x' + s" },
  initial: { x: 1, "x'": -1, y: 0.5 },
  domain: [0, 1],
});

describe('reduceOrder', () => {
  it('turns a third-order equation into three first-order ones', () => {
    const { system, unknownIndex } = reduceOrder(thirdOrder, {});
    expect(system.names).toEqual(['y', "y'", "y''"]);
    expect(system.t0).toBe(0.5);
    expect(Array.from(system.y0)).toEqual([1, 2, 3]);
    expect(unknownIndex).toEqual({ y: 0 });
    const out = new Float64Array(3);
    system.rhs(0.5, Float64Array.of(1, 2, 3), out);
    // y' = y[1], y'' = y[2], y''' = -2*3 + 2 - 3*1 + 0.5
    expect(Array.from(out)).toEqual([2, 3, -6.5]);
  });

  it('stacks two unknowns of different orders in declaration order, with a custom independent variable', () => {
    const { system, unknownIndex } = reduceOrder(mixed, { a: 4 });
    expect(system.names).toEqual(['x', "x'", 'y']);
    expect(unknownIndex).toEqual({ x: 0, y: 2 });
    expect(Array.from(system.y0)).toEqual([1, -1, 0.5]);
    const out = new Float64Array(3);
    system.rhs(0.25, Float64Array.of(2, 3, 5), out);
    // x' = 3, x'' = -4*2 + 5, y' = 2*5 + 3 + 0.25
    expect(Array.from(out)).toEqual([3, -3, 13.25]);
  });

  it('inlines the parameter values it is given', () => {
    const out = new Float64Array(3);
    reduceOrder(mixed, { a: -1.5 }).system.rhs(0, Float64Array.of(2, 0, 0), out);
    expect(out[1]).toBe(3);
  });

  it('reads every component before writing any, so y and out may be one array', () => {
    const { system } = reduceOrder(thirdOrder, {});
    const state = Float64Array.of(1, 2, 3);
    system.rhs(0.5, state, state);
    expect(Array.from(state)).toEqual([2, 3, -6.5]);
  });

  it('gives a solution that a plain integrator follows: y′′′ = −y′ with y = sin t', () => {
    const problem = defineProblem({
      name: 'sine',
      description: "y''' = -y'",
      equations: { "y'''": "-y'" },
      initial: { y: 0, "y'": 1, "y''": 0 },
      domain: [0, 1],
    });
    const { system } = reduceOrder(problem, {});
    const steps = 1000;
    const h = 1 / steps;
    const y = Float64Array.from(system.y0);
    const k = [1, 2, 3, 4].map(() => new Float64Array(3));
    const stage = new Float64Array(3);
    // Classical RK4: k1 = f(t, y), k2 = f(t + h/2, y + h/2 k1), k3 = f(t + h/2, y + h/2 k2), k4 = f(t + h, y + h k3).
    for (let step = 0; step < steps; step++) {
      const t = step * h;
      system.rhs(t, y, k[0]!);
      for (let i = 0; i < 3; i++) stage[i] = y[i]! + (h / 2) * k[0]![i]!;
      system.rhs(t + h / 2, stage, k[1]!);
      for (let i = 0; i < 3; i++) stage[i] = y[i]! + (h / 2) * k[1]![i]!;
      system.rhs(t + h / 2, stage, k[2]!);
      for (let i = 0; i < 3; i++) stage[i] = y[i]! + h * k[2]![i]!;
      system.rhs(t + h, stage, k[3]!);
      for (let i = 0; i < 3; i++) y[i] = y[i]! + (h / 6) * (k[0]![i]! + 2 * k[1]![i]! + 2 * k[2]![i]! + k[3]![i]!);
    }
    expect(y[0]).toBeCloseTo(Math.sin(1), 10);
    expect(y[1]).toBeCloseTo(Math.cos(1), 10);
    expect(y[2]).toBeCloseTo(-Math.sin(1), 10);
  });
});
