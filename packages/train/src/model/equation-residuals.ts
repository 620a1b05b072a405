import { compileTensorRhs } from '@quadrant/equations/tensor';
import type { NetworkV1, Problem } from '@quadrant/spec';
import { concat, type Scalar, split, sub, type Tensor2D } from '@tensorflow/tfjs-core';

/** Computes r_j = u_j^(m_j) − f_j(t, u, …) for every equation j at given points. */
export type EquationResiduals = (input: Tensor2D, parameters: Readonly<Record<string, Scalar>>) => Tensor2D;

/**
 * The residual of every equation of `problem` for `network` (one output per unknown, in the
 * problem's order): a function of points [N, 1] giving [N, equations]. Allocates inside the
 * caller's tidy.
 */
export function equationResiduals(problem: Problem, network: NetworkV1): EquationResiduals {
  const rhs = compileTensorRhs(problem);
  const order = Math.max(...problem.unknowns.map((unknown) => unknown.order));
  const outputs = problem.unknowns.length;
  return (input, parameters) => {
    const jets = network.jets(input, order);
    const columns = jets.map((jet) => (outputs === 1 ? [jet] : split<Tensor2D>(jet, outputs, 1)));
    const unknowns: Record<string, Tensor2D[]> = {};
    problem.unknowns.forEach((unknown, j) => {
      unknowns[unknown.name] = columns.slice(0, unknown.order + 1).map((byOrder) => byOrder[j]!);
    });
    const right = rhs({ t: input, unknowns, parameters });
    const residuals = problem.unknowns.map((unknown) => sub<Tensor2D>(unknowns[unknown.name]![unknown.order]!, right[unknown.name]!));
    return residuals.length === 1 ? residuals[0]! : concat(residuals, 1);
  };
}
