import type { Problem } from '@quadrant/spec';
import type { Tensor2D } from '@tensorflow/tfjs-core';
import { problemScope } from '../parse/expression-scope.ts';
import { parseExpression } from '../parse/parse-expression.ts';
import { buildTensorFunction } from './build-tensor-function.ts';
import type { TensorRhsInput } from './tensor-rhs-input.ts';

/**
 * Compiles one expression in a problem's symbols (the independent variable, the parameters,
 * each unknown and its derivatives below its order) to a tensor function, batched over N
 * points: an invariant such as an oscillator's energy `y'^2/2 + omega^2*y^2/2`.
 * @param where - `origin: field`, the front of any error message (`problem.json: invariants.energy`)
 * @returns a function of {@link TensorRhsInput} giving [N, 1]; it allocates inside the caller's `tidy`
 * @throws QuadrantError `PROBLEM_INVALID` (`where: cause`) for an expression that does not compile
 */
export function compileTensorExpression(expression: string, where: string, problem: Problem): (input: TensorRhsInput) => Tensor2D {
  return buildTensorFunction(parseExpression(expression, where, problemScope(problem, 'invariant')), problem, where);
}
