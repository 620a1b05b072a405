import { QuadrantError } from '@quadrant/spec';
import { memory, type Scalar, scalar, type Tensor2D, tensor2d, tidy, variable, variableGrads } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../compile/compile-expression.ts';
import { compileProblem } from '../compile/compile-problem.ts';
import { problemLibrary } from '../library/problem-library.ts';
import { defineProblem } from '../parse/define-problem.ts';
import { compileTensorExpression } from './compile-tensor-expression.ts';
import { compileTensorRhs } from './compile-tensor-rhs.ts';
import type { TensorRhsInput } from './tensor-rhs-input.ts';

/** A seeded generator (mulberry32), so the random points are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const points = 32;

/** Random times in the domain and states near the initial one (positive, so logarithms are defined). */
function randomBatch(problem: (typeof problemLibrary)[number], seed: number) {
  const next = random(seed);
  const { system } = compileProblem(problem);
  const t = Array.from({ length: points }, () => problem.domain[0] + next() * (problem.domain[1] - problem.domain[0]));
  const states = t.map(() => system.names.map((_, i) => Math.abs(system.y0[i]!) * (0.5 + next()) + 0.1 + next()));
  return { t, states };
}

function tensorInput(problem: (typeof problemLibrary)[number], t: number[], states: number[][], parameters: Record<string, Scalar>): TensorRhsInput {
  const unknowns: Record<string, Tensor2D[]> = {};
  let slot = 0;
  for (const { name, order } of problem.unknowns) {
    unknowns[name] = Array.from({ length: order }, () => {
      const column = slot++;
      return tensor2d(
        states.map((state) => state[column]!),
        [points, 1],
      );
    });
  }
  return { t: tensor2d(t, [points, 1]), unknowns, parameters };
}

describe('compileTensorRhs', () => {
  for (const problem of problemLibrary) {
    it(`${problem.name}: agrees with the numeric right-hand side at random points`, () => {
      const { system, parameters, unknownIndex } = compileProblem(problem);
      const { t, states } = randomBatch(problem, 7);
      const rhs = compileTensorRhs(problem);
      const result = tidy(() => {
        const scalars = Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, scalar(value)]));
        const output = rhs(tensorInput(problem, t, states, scalars));
        return Object.fromEntries(Object.entries(output).map(([name, value]) => [name, { shape: value.shape, values: Array.from(value.dataSync()) }]));
      });
      const out = new Float64Array(system.names.length);
      for (const { name, order } of problem.unknowns) {
        expect(result[name]!.shape).toEqual([points, 1]);
        t.forEach((time, index) => {
          system.rhs(time, Float64Array.from(states[index]!), out);
          const expected = out[unknownIndex[name]! + order - 1]!;
          // float32 against float64: a relative tolerance a little above float32 round-off
          expect(Math.abs(result[name]!.values[index]! - expected)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected)));
        });
      }
    });
  }

  it('lets gradients reach a learnable parameter', () => {
    const decay = problemLibrary[0]!;
    const rhs = compileTensorRhs(decay);
    const k = variable(scalar(0.7), true, 'k-gradient-test');
    const y = [0.5, 1, 2];
    const { value, grads } = tidy(() =>
      variableGrads(() => rhs({ t: tensor2d([0, 1, 2], [3, 1]), unknowns: { y: [tensor2d(y, [3, 1])] }, parameters: { k } }).y!.sum(), [k]),
    );
    // Σ −k·y_i: the derivative in k is −Σ y_i.
    expect(value.dataSync()[0]).toBeCloseTo(-0.7 * 3.5, 5);
    expect(grads['k-gradient-test']!.dataSync()[0]).toBeCloseTo(-3.5, 5);
    value.dispose();
    for (const gradient of Object.values(grads)) gradient.dispose();
    k.dispose();
  });

  it('broadcasts a right-hand side without tensors to [N, 1], and gradients still reach its parameters', () => {
    const constant = defineProblem({
      name: 'ramp',
      description: "y' = c",
      parameters: { c: 2 },
      equations: { "y'": 'c', "z'": '3 * 2' },
      initial: { y: 0, z: 0 },
      domain: [0, 1],
    });
    const rhs = compileTensorRhs(constant);
    const c = variable(scalar(2), true, 'c-broadcast-test');
    const { value, grads } = tidy(() =>
      variableGrads(() => {
        const output = rhs({
          t: tensor2d([0, 0.5, 1, 1.5], [4, 1]),
          unknowns: { y: [tensor2d([0, 0, 0, 0], [4, 1])], z: [tensor2d([0, 0, 0, 0], [4, 1])] },
          parameters: { c },
        });
        expect(output.y!.shape).toEqual([4, 1]);
        expect(Array.from(output.z!.dataSync())).toEqual([6, 6, 6, 6]);
        return output.y!.sum();
      }, [c]),
    );
    expect(value.dataSync()[0]).toBeCloseTo(8, 6);
    expect(grads['c-broadcast-test']!.dataSync()[0]).toBeCloseTo(4, 6);
    value.dispose();
    for (const gradient of Object.values(grads)) gradient.dispose();
    c.dispose();
  });

  it('leaks no tensors outside the caller’s tidy', () => {
    const lorenz = problemLibrary[9]!;
    const rhs = compileTensorRhs(lorenz);
    const { t, states } = randomBatch(lorenz, 3);
    const before = memory().numTensors;
    tidy(() => {
      const scalars = Object.fromEntries(Object.entries(compileProblem(lorenz).parameters).map(([name, value]) => [name, scalar(value)]));
      rhs(tensorInput(lorenz, t, states, scalars));
    });
    expect(memory().numTensors).toBe(before);
  });

  it('says which tensor is missing from its input', () => {
    const rhs = compileTensorRhs(problemLibrary[4]!);
    let error: unknown;
    tidy(() => {
      try {
        rhs({ t: tensor2d([0], [1, 1]), unknowns: { y: [tensor2d([1], [1, 1])] }, parameters: { omega: scalar(1), zeta: scalar(0.1) } });
      } catch (caught) {
        error = caught;
      }
    });
    expect(QuadrantError.hasCode(error, 'SHAPE_MISMATCH')).toBe(true);
    expect((error as Error).message).toBe(`library:damped-oscillator: equations["y''"]: the input has no tensor for "y'" (expected at unknowns.y[1])`);
  });
});

describe('compileTensorExpression', () => {
  for (const problem of problemLibrary.filter((candidate) => candidate.invariants !== undefined)) {
    it(`${problem.name}: evaluates its invariants as the numeric compiler does`, () => {
      const { system, parameters } = compileProblem(problem);
      const { t, states } = randomBatch(problem, 11);
      for (const [name, invariant] of Object.entries(problem.invariants!)) {
        const where = `${problem.origin}: invariants.${name}`;
        const tensorInvariant = compileTensorExpression(invariant, where, problem);
        const numeric = compileExpression(invariant, [problem.independent, ...Object.keys(parameters), ...system.names], where);
        const values = tidy(() => {
          const scalars = Object.fromEntries(Object.entries(parameters).map(([key, value]) => [key, scalar(value)]));
          const result = tensorInvariant(tensorInput(problem, t, states, scalars));
          expect(result.shape).toEqual([points, 1]);
          return Array.from(result.dataSync());
        });
        t.forEach((time, index) => {
          const expected = numeric(Float64Array.of(time, ...Object.values(parameters), ...states[index]!));
          expect(Math.abs(values[index]! - expected)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected)));
        });
      }
    });
  }

  it('refuses an expression with a symbol outside the problem, naming where', () => {
    expect(() => compileTensorExpression('y^2 + omga', 'suite.yaml: energy', problemLibrary[3]!)).toThrow(
      "suite.yaml: energy: unknown symbol 'omga' (did you mean 'omega'?)",
    );
  });
});
