import { type Scalar, add, memory, mul, scalar, square, sub, sum, tensor1d, tidy, type Variable, variable, variableGrads } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lbfgsOptimiser } from './lbfgs-optimiser.ts';

/** Minimises `loss` over `variables` with L-BFGS for at most `steps` steps; returns the steps taken. */
function minimise(variables: Variable[], loss: () => Scalar, options: object, steps: number): number {
  const optimiser = lbfgsOptimiser.create(variables, lbfgsOptimiser.options.parse(options));
  const closure = () => {
    const { value, grads } = variableGrads(loss, variables);
    return { value, grads: variables.map((each) => grads[each.name]!) };
  };
  let taken = 0;
  while (taken < steps && optimiser.converged === undefined) {
    optimiser.step(closure).dispose();
    taken++;
  }
  optimiser.dispose();
  return taken;
}

describe('lbfgs', () => {
  it('minimises a badly scaled quadratic in a few steps', () => {
    const x = variable(tensor1d([3, -2, 1, 5]));
    const scales = tensor1d([1, 10, 100, 0.5]);
    const centre = tensor1d([1, 2, -3, 0.25]);
    const taken = minimise([x], () => sum(mul(scales, square(sub(x, centre)))), {}, 100);
    expect(taken).toBeLessThan(30);
    Array.from(x.dataSync()).forEach((value, i) => {
      expect(value).toBeCloseTo([1, 2, -3, 0.25][i]!, 4);
    });
    x.dispose();
    scales.dispose();
    centre.dispose();
  });

  it('finds the minimum (1, 1) of the 2-D Rosenbrock function within 1e-4, leaking no tensors', () => {
    const a = variable(scalar(-1.2));
    const b = variable(scalar(1));
    const rosenbrock = () => add(square(sub(1, a)), mul(100, square(sub(b, square(a))))) as Scalar;
    const before = memory().numTensors;
    minimise([a, b], rosenbrock, { history: 10 }, 500);
    expect(memory().numTensors).toBe(before);
    expect(Math.abs(a.dataSync()[0]! - 1)).toBeLessThan(1e-4);
    expect(Math.abs(b.dataSync()[0]! - 1)).toBeLessThan(1e-4);
    expect(tidy(() => rosenbrock().dataSync()[0]!)).toBeLessThan(1e-8);
    a.dispose();
    b.dispose();
  });

  it('with restarts, drops a stale history and goes on where it would have stopped', () => {
    // A long, narrow valley: with a tiny history and a coarse change tolerance the plain run stops early.
    const run = (restarts: number) => {
      const a = variable(scalar(-1.2));
      const b = variable(scalar(1));
      const rosenbrock = () => add(square(sub(1, a)), mul(100, square(sub(b, square(a))))) as Scalar;
      const taken = minimise([a, b], rosenbrock, { history: 1, toleranceChange: 1e-3, restarts }, 500);
      const value = tidy(() => rosenbrock().dataSync()[0]!);
      a.dispose();
      b.dispose();
      return { taken, value };
    };
    const plain = run(0);
    const restarted = run(50);
    expect(restarted.taken).toBeGreaterThan(plain.taken);
    expect(restarted.value).toBeLessThan(plain.value);
  });
});
