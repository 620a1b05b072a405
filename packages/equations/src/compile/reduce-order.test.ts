import type { FirstOrderSystemV1 } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { problemLibrary } from '../library/problem-library.ts';
import { defineProblem } from '../parse/define-problem.ts';
import { compileProblem } from './compile-problem.ts';
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

/** The Jacobian a system generates at (t, y), as rows; the output array starts full of NaN so unwritten entries show. */
function jacobianRows(system: FirstOrderSystemV1, t: number, y: Float64Array): number[][] {
  const n = y.length;
  const out = new Float64Array(n * n).fill(Number.NaN);
  system.jacobian!(t, y, out);
  return Array.from({ length: n }, (_, i) => Array.from(out.subarray(i * n, (i + 1) * n)));
}

/**
 * The largest gap between the generated Jacobian and central differences of the right-hand side,
 * (f(y + δe_k) − f(y − δe_k)) / 2δ with δ = 1e-5·max(1, |y_k|), relative to the largest entry of its row (at least 1).
 */
function jacobianGap(system: FirstOrderSystemV1, t: number, y: Float64Array): number {
  const n = y.length;
  const rows = jacobianRows(system, t, y);
  const [plus, minus] = [new Float64Array(n), new Float64Array(n)];
  let gap = 0;
  for (let k = 0; k < n; k++) {
    const delta = 1e-5 * Math.max(1, Math.abs(y[k]!));
    const shifted = Float64Array.from(y);
    shifted[k] = y[k]! + delta;
    system.rhs(t, shifted, plus);
    shifted[k] = y[k]! - delta;
    system.rhs(t, shifted, minus);
    for (let i = 0; i < n; i++) {
      const scale = Math.max(1, ...rows[i]!.map(Math.abs));
      gap = Math.max(gap, Math.abs(rows[i]![k]! - (plus[i]! - minus[i]!) / (2 * delta)) / scale);
    }
  }
  return gap;
}

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

  it('generates the Jacobian of a third-order equation: copy-down rows of 0 and 1, then the equation', () => {
    expect(jacobianRows(reduceOrder(thirdOrder, {}).system, 0.7, Float64Array.of(1, 2, 3))).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [-3, 1, -2],
    ]);
  });

  it('generates the Jacobian of two unknowns of different orders with the parameters inlined', () => {
    // x' = x', x'' = -a x + y, y' = x y + x' + s, with a = 4 at (x, x', y) = (2, 3, 5).
    expect(jacobianRows(reduceOrder(mixed, { a: 4 }).system, 0.25, Float64Array.of(2, 3, 5))).toEqual([
      [0, 1, 0],
      [-4, 0, 1],
      [5, 1, 2],
    ]);
    expect(jacobianRows(reduceOrder(mixed, { a: -1.5 }).system, 0, Float64Array.of(2, 3, 5))[1]).toEqual([1.5, 0, 1]);
  });

  for (const problem of problemLibrary) {
    it(`${problem.name}: the Jacobian agrees with central differences of the right-hand side`, () => {
      const { system } = compileProblem(problem);
      const [start, end] = problem.domain;
      for (let sample = 0; sample < 6; sample++) {
        // States spread around the initial one (positive shifts keep logarithms defined), times across the domain.
        const y = system.y0.map((value, i) => value * (0.6 + 0.15 * ((sample + i) % 5)) + 0.05 * (1 + ((sample * 3 + i) % 4)));
        const t = start + ((end - start) * sample) / 5;
        expect(jacobianGap(system, t, y)).toBeLessThan(1e-6);
      }
    });
  }

  it('the Jacobian check catches a wrong entry', () => {
    const { system } = compileProblem(problemLibrary[3]!);
    const wrong: FirstOrderSystemV1 = {
      ...system,
      jacobian(t, y, out) {
        system.jacobian!(t, y, out);
        out[2] = out[2]! * 1.001;
      },
    };
    expect(jacobianGap(wrong, 0, Float64Array.of(0.5, 0.2))).toBeGreaterThan(1e-4);
  });
});
