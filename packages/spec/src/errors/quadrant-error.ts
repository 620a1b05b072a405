const marker = Symbol.for('quadrant.error');

/**
 * Stable error codes. Code branches on these, never on message text; renaming one is a
 * breaking change of `@quadrant/spec`.
 */
export type QuadrantErrorCode =
  /** A problem file or object failed the schema or a symbol check. */
  | 'PROBLEM_INVALID'
  /** Options of a registry entry (architecture, loss, solver…) failed their schema. */
  | 'OPTIONS_INVALID'
  /** A training, run or suite configuration is invalid. */
  | 'CONFIG_INVALID'
  /** A name was looked up in a registry and is not there. */
  | 'NO_SUCH_ENTRY'
  /** Two entries of one kind share a name in one registry. */
  | 'DUPLICATE_ENTRY'
  /** A network was asked for input derivatives above the order its architecture provides. */
  | 'JETS_UNSUPPORTED'
  /** A requested tensor backend did not start. */
  | 'BACKEND_UNAVAILABLE'
  /** A plugin or entry declares a spec version this release cannot run. */
  | 'SPEC_VERSION_UNSUPPORTED'
  /** A module given as a plugin does not export one. */
  | 'PLUGIN_INVALID'
  /** Two arrays or tensors that must agree in shape do not. */
  | 'SHAPE_MISMATCH'
  /** A classical solver could not continue (non-finite right-hand side, step size collapse). */
  | 'SOLVER_FAILED'
  /** A saved model, results file or other artefact read back failed its schema. */
  | 'ARTEFACT_INVALID'
  /** Command-line input (a flag, a grid, a path) is malformed. */
  | 'INPUT_INVALID'
  /** A queue server (Redis) did not answer, refused the connection or went away. */
  | 'QUEUE_UNAVAILABLE';

/**
 * The one error class of Quadrant. `code` is stable; the message says what is wrong, where,
 * and how to fix it. The CLI turns any QuadrantError into exit code 2 and one line.
 */
export class QuadrantError extends Error {
  // Read by isInstance through `in`: a brand that survives two copies of this package.
  readonly [marker] = true;

  constructor(
    readonly code: QuadrantErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'QuadrantError';
  }

  /** True for a QuadrantError from any copy of this package (the check uses a global symbol, not `instanceof`). */
  static isInstance(error: unknown): error is QuadrantError {
    return typeof error === 'object' && error !== null && marker in error;
  }

  /** True when `error` is a QuadrantError with this code. */
  static hasCode(error: unknown, code: QuadrantErrorCode): error is QuadrantError {
    return QuadrantError.isInstance(error) && error.code === code;
  }
}
