/**
 * A network's jets in float64 at given points and, on request, their Jacobians with respect to
 * the network's parameters (its variables flattened in order).
 */
export interface Float64JetsV1 {
  /** `jets[k][i * outputs + j]` is d^k y_j / dt^k at point i, for k = 0…order. */
  readonly jets: readonly Float64Array[];
  /**
   * Present when asked for: `jacobian[k][(i * outputs + j) * size + p]` is
   * ∂ jets[k][i * outputs + j] / ∂ parameters[p] (row-major, one row per jet entry).
   */
  readonly jacobian?: readonly Float64Array[];
}

/**
 * A float64 evaluation path beside a network's tfjs one: the same function, computed in
 * `Float64Array`s on the CPU, with its Jacobian. Second-order optimisers (Levenberg–Marquardt)
 * train small networks through it far below float32's round-off. It keeps a float64 copy of the
 * parameters: `write` stores them (and their float32 rounding in the variables), `read` returns
 * them as long as the variables still hold that rounding (else the variables' values, after a
 * first-order optimiser moved them).
 */
export interface Float64PathV1 {
  /** Number of parameters: the variables' sizes added up. */
  readonly size: number;
  /** The current parameters, [size] (a copy). */
  read(): Float64Array;
  /** Sets the parameters, [size]. */
  write(parameters: Float64Array): void;
  /**
   * Jets up to `order` at the points `t` ([N], the independent variable) for the given
   * parameters (not necessarily the current ones); with `jacobian`, their Jacobians too.
   * A network of more than one input (a bundle's, whose further inputs are problem parameters)
   * takes those columns in `inputs`, row-major [N × (inputs − 1)]; jets stay with respect to t.
   * The arrays returned are new on every call and belong to the caller, which may overwrite them
   * (transforms such as input scaling rescale them in place).
   * @throws QuadrantError `JETS_UNSUPPORTED` when `order` exceeds the network's jetOrder;
   *   `SHAPE_MISMATCH` when `inputs` does not hold the network's further input columns
   */
  jets(parameters: Float64Array, t: Float64Array, order: number, jacobian: boolean, inputs?: Float64Array): Float64JetsV1;
}

/**
 * A nonlinear least-squares problem in float64: minimise ½‖r(p)‖² over p ∈ R^size, with the
 * residual vector r and its Jacobian J (row-major [rows × size]).
 */
export interface LeastSquaresProblemV1 {
  readonly size: number;
  evaluate(parameters: Float64Array, jacobian: boolean): { readonly residual: Float64Array; readonly jacobian?: Float64Array };
}

/** How a least-squares minimisation ended. */
export interface LeastSquaresResultV1 {
  readonly parameters: Float64Array;
  /** ½‖r‖² at `parameters`. */
  readonly cost: number;
  /** Accepted and rejected iterations. */
  readonly iterations: number;
  /** ½‖r‖² after each iteration (the first entry at the start). */
  readonly history: readonly number[];
  /** Why it stopped (`converged: …`, `iteration limit`). */
  readonly reason: string;
}
