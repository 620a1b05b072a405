import type { LeastSquaresProblemV1 } from '@quadrant/spec';
import { add, addN, mul, type Scalar, square, sub, sum, tensor, tidy, type Variable, variable } from '@tensorflow/tfjs-core';

/** A loss over variables the kit made, with the point that minimises it. */
export interface OptimisationProblem {
  readonly title: string;
  readonly variables: readonly Variable[];
  /** The minimiser, one array per variable in the variables' order. */
  readonly minimum: readonly (readonly number[])[];
  loss(): Scalar;
  dispose(): void;
}

const trainable = (values: readonly number[], shape: number[]): Variable => tidy(() => variable(tensor(values, shape), true));

/**
 * A separable quadratic over two variables (a [4] vector and a [2, 2] matrix), scales from 0.5
 * to 2: Σ s·(x − c)² + Σ (Y − C)², minimum at (c, C).
 */
export function quadratic(): OptimisationProblem {
  const centreX = [1, 2, -3, 0.25];
  const centreY = [-1, 0.5, 0.75, 1];
  const x = trainable([3, -2, 1, 5], [4]);
  const y = trainable([0.5, -1, 2, 0], [2, 2]);
  const scales = tensor([1, 2, 0.5, 1.5]);
  const cx = tensor(centreX);
  const cy = tensor(centreY, [2, 2]);
  return {
    title: 'a quadratic',
    variables: [x, y],
    minimum: [centreX, centreY],
    loss: () => add(sum(mul(scales, square(sub(x, cx)))), sum(square(sub(y, cy)))),
    dispose: () => {
      for (const each of [x, y, scales, cx, cy]) each.dispose();
    },
  };
}

/** The Rosenbrock function (1 − a)² + 100·(b − a²)² over two scalar variables, from (−1.2, 1); minimum at (1, 1). */
export function rosenbrock(): OptimisationProblem {
  const a = trainable([-1.2], []);
  const b = trainable([1], []);
  return {
    title: 'the Rosenbrock function',
    variables: [a, b],
    minimum: [[1], [1]],
    loss: () => addN([square(sub(1, a)), mul(100, square(sub(b, square(a))))]) as Scalar,
    dispose: () => {
      a.dispose();
      b.dispose();
    },
  };
}

/** A least-squares problem with its start and the minimiser. */
export interface LeastSquaresProblem {
  readonly title: string;
  readonly problem: LeastSquaresProblemV1;
  readonly start: Float64Array;
  readonly minimum: Float64Array;
}

/** A consistent linear residual r = A·p − b, 6 equations in 3 unknowns, zero at p = (1, −2, 0.5). */
export function linearResidual(): LeastSquaresProblem {
  const a = [
    [2, -1, 0.5],
    [1, 3, -2],
    [0, 1, 4],
    [-1.5, 0.5, 1],
    [3, 0, -1],
    [0.25, -2, 0.75],
  ];
  const minimum = Float64Array.of(1, -2, 0.5);
  const b = a.map((row) => row.reduce((total, entry, k) => total + entry * minimum[k]!, 0));
  return {
    title: 'a linear residual',
    start: Float64Array.of(0, 0, 0),
    minimum,
    problem: {
      size: 3,
      evaluate(parameters, jacobian) {
        const residual = Float64Array.from(a, (row, i) => row.reduce((total, entry, k) => total + entry * parameters[k]!, 0) - b[i]!);
        return jacobian ? { residual, jacobian: Float64Array.from(a.flat()) } : { residual };
      },
    },
  };
}

/** Rosenbrock's function as a residual, r = (10·(b − a²), 1 − a), from (−1.2, 1); zero at (1, 1). */
export function rosenbrockResidual(): LeastSquaresProblem {
  return {
    title: 'the Rosenbrock residual',
    start: Float64Array.of(-1.2, 1),
    minimum: Float64Array.of(1, 1),
    problem: {
      size: 2,
      evaluate(parameters, jacobian) {
        const [a, b] = [parameters[0]!, parameters[1]!];
        const residual = Float64Array.of(10 * (b - a * a), 1 - a);
        return jacobian ? { residual, jacobian: Float64Array.of(-20 * a, 10, -1, 0) } : { residual };
      },
    },
  };
}

/** Largest |value − minimum| over every variable's entries. */
export function distanceToMinimum(variables: readonly Variable[], minimum: readonly (readonly number[])[]): number {
  let largest = 0;
  variables.forEach((each, v) => {
    each.dataSync().forEach((value, i) => {
      largest = Math.max(largest, Number.isNaN(value) ? Number.POSITIVE_INFINITY : Math.abs(value - minimum[v]![i]!));
    });
  });
  return largest;
}
