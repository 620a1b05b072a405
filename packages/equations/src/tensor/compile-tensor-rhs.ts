import type { Problem } from '@quadrant/spec';
import type { Tensor2D } from '@tensorflow/tfjs-core';
import { problemScope } from '../parse/expression-scope.ts';
import { problemWhere } from '../parse/invalid-problem.ts';
import { parseExpression } from '../parse/parse-expression.ts';
import { withPrimes } from '../parse/prime-notation.ts';
import { buildTensorFunction } from './build-tensor-function.ts';
import type { TensorRhsInput } from './tensor-rhs-input.ts';

/**
 * Compiles a problem's equations to tensor functions, batched over N points: for a
 * residual loss, `jets[order] − rhs[name]`.
 * @returns a function of {@link TensorRhsInput} giving each unknown's highest-derivative
 *   right-hand side, [N, 1], keyed by the unknown's name; it allocates inside the caller's `tidy`
 * @throws QuadrantError `PROBLEM_INVALID` for an expression that does not compile; the
 *   returned function throws `SHAPE_MISMATCH` when its input lacks a tensor an equation reads
 */
export function compileTensorRhs(problem: Problem): (input: TensorRhsInput) => Record<string, Tensor2D> {
  const scope = problemScope(problem, 'equation');
  const parts = problem.unknowns.map(({ name, order }) => {
    const where = problemWhere(problem.origin, ['equations', withPrimes(name, order)]);
    return [name, buildTensorFunction(parseExpression(problem.equations[name] ?? '', where, scope), problem, where)] as const;
  });
  return (input) => {
    const result: Record<string, Tensor2D> = {};
    for (const [name, evaluate] of parts) result[name] = evaluate(input);
    return result;
  };
}
