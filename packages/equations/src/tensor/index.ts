export { compileTensorExpression } from './compile-tensor-expression.ts';
export { compileTensorRhs } from './compile-tensor-rhs.ts';
export type { TensorRhsInput } from './tensor-rhs-input.ts';
