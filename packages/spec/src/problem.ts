/**
 * A problem parameter. Known parameters have `learn: false` and `value` set. A parameter
 * marked `learn: true` (an inverse problem) starts training at `guess`; its `value`, when
 * given, is the true value used for the reference solution and for reporting the error of
 * the learned value.
 */
export interface ProblemParameter {
  readonly value: number | undefined;
  readonly guess: number;
  readonly learn: boolean;
  /**
   * `[low, high]` when the parameter is an input of a bundle (trained once for every value in
   * the range); `guess` is then in the range and is the value a single run uses.
   */
  readonly range?: readonly [number, number];
}

/** One unknown function of the independent variable and the order of its highest derivative. */
export interface ProblemUnknown {
  readonly name: string;
  readonly order: number;
}

/** Observations of some unknowns at points of the independent variable. */
export interface ProblemData {
  /** Points of the independent variable, [M]. */
  readonly t: readonly number[];
  /** Observed values per unknown, each [M]; unknowns not observed are absent. */
  readonly values: Readonly<Record<string, readonly number[]>>;
}

/**
 * A validated ODE problem (an initial-value problem in explicit form), as produced by
 * `@quadrant/equations` from a problem file or `defineProblem`. Consumers trust it.
 *
 * Each unknown `u` of order `m` has one equation `u^(m) = rhs`, where `rhs` is an
 * expression in the independent variable, the parameters, the unknowns and their
 * derivatives below their orders (written with primes: `y'`, `y''`).
 */
export interface Problem {
  readonly name: string;
  readonly description: string;
  /** Where the problem comes from (a book, an article, a URL). */
  readonly source: string | undefined;
  /** Name of the independent variable, `t` unless the file says otherwise. */
  readonly independent: string;
  readonly parameters: Readonly<Record<string, ProblemParameter>>;
  /** Unknowns in declaration order; the network's output columns follow this order. */
  readonly unknowns: readonly ProblemUnknown[];
  /** Right-hand side of each unknown's highest derivative, keyed by the unknown's name. */
  readonly equations: Readonly<Record<string, string>>;
  /** Initial values at `domain[0]`: for each unknown, [u, u', …, u^(order−1)]. */
  readonly initial: Readonly<Record<string, readonly number[]>>;
  /**
   * Initial values that are inputs of a bundle, by state symbol (`y`, `y'`): `[low, high]`;
   * `initial` then holds the range's middle for a single run. Absent when none is.
   */
  readonly initialRanges?: Readonly<Record<string, readonly [number, number]>>;
  /** The training domain [start, end] of the independent variable, start < end. */
  readonly domain: readonly [number, number];
  /** Closed-form solutions per unknown, where known. */
  readonly exact: Readonly<Record<string, string>> | undefined;
  /**
   * Named expressions conserved along every solution (an oscillator's energy), in the same
   * symbols as the equations; an energy-conservation loss term uses them.
   */
  readonly invariants: Readonly<Record<string, string>> | undefined;
  readonly data: ProblemData | undefined;
  /** Where the problem was read from (a file path, or `library:<name>`), for messages. */
  readonly origin: string;
}
