import { type ConformanceCheck, checkDeclaration, type LossAndGradientsV1, type OptimiserInstanceV1, type OptimiserV1, QuadrantError } from '@quadrant/spec';
import { memory, tidy, type Variable, variableGrads } from '@tensorflow/tfjs-core';
import {
  distanceToMinimum,
  type LeastSquaresProblem,
  linearResidual,
  type OptimisationProblem,
  quadratic,
  rosenbrock,
  rosenbrockResidual,
} from './optimisation-problems.ts';

/** Options and budget for minimising one function. */
export interface MinimisationSettings {
  /** Raw options for this function, over the kit's `options` (e.g. a learning rate). */
  readonly options?: unknown;
  /** Steps (`step` calls) allowed; a converged optimiser stops earlier. */
  readonly steps?: number;
  /** Largest distance from the minimiser allowed, per entry. */
  readonly tolerance?: number;
}

/** What to build an optimiser with and how much to allow it. */
export interface OptimiserConformanceSettings {
  /** Raw options, parsed by the optimiser's schema, for every check (default `{}`). */
  readonly options?: unknown;
  /** The quadratic Σ s·(x − c)² over a vector and a matrix (default 500 steps, tolerance 1e-3). */
  readonly quadratic?: MinimisationSettings;
  /** Rosenbrock's function from (−1.2, 1) (default 5000 steps, tolerance 1e-2); its options also serve the state round-trip. */
  readonly rosenbrock?: MinimisationSettings;
  /** Levenberg–Marquardt-like optimisers: budget for `leastSquares` (default 100 iterations, tolerance 1e-6). */
  readonly leastSquares?: { readonly options?: unknown; readonly iterations?: number; readonly tolerance?: number };
  /**
   * True for an optimiser that works through `leastSquares` alone: `create` must then refuse
   * with a QuadrantError naming it, and the checks on tfjs variables are left out (default false).
   */
  readonly refusesCreate?: boolean;
  /** Steps taken before the state is saved, and after it is restored (default 5 and 5). */
  readonly roundTrip?: { readonly before?: number; readonly after?: number };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const format = (value: number): string => value.toExponential(2);

/** The closure a trainer passes to `step`: the loss and one gradient per variable, in their order. */
const closureOf = (problem: OptimisationProblem) => (): LossAndGradientsV1 => {
  const variables = [...problem.variables];
  const { value, grads } = variableGrads(() => problem.loss(), variables);
  return { value, grads: variables.map((each) => grads[each.name]!) };
};

/** Whether two JSON values are equal, NaN and undefined included as differences. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((each, i) => jsonEqual(each, b[i]));
  if (typeof a === 'object' && a !== null) {
    // A typed array or a class instance does not come back from JSON as itself.
    const prototype = Object.getPrototypeOf(a);
    if (prototype !== Object.prototype && prototype !== null) return false;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
    );
  }
  return Object.is(a, b) && (typeof a !== 'number' || Number.isFinite(a));
}

/**
 * The conformance kit for optimisers: named checks, each a plain async function that throws on
 * failure, so any test runner (or none) can run them. A plugin author runs the same checks the
 * built-ins pass:
 *
 * ```ts
 * for (const check of optimiserConformance(adabelief, { options: { learningRate: 0.05 } })) it(check.name, check.run);
 * ```
 *
 * The checks: the optimiser declares spec v1, a kebab-case name and a description, and its
 * schema parses the options given; it minimises a quadratic over a vector and a matrix, and
 * Rosenbrock's function, to the tolerance within the step budget (tune `options`, `steps` per
 * function); its state, when it has one, survives `state()` → JSON → `restore()` into a fresh
 * instance on fresh variables, which then steps bit for bit as the original does, and a state of
 * another optimiser is refused with `ARTEFACT_INVALID` (an optimiser without `state` and
 * `restore` is exempt); no tensor leaks over steps, and `dispose` frees what `create` made.
 * An optimiser with `leastSquares` minimises a linear and a Rosenbrock residual to the tolerance
 * within the iteration budget and reports a cost and history that match its parameters; one
 * that works through `leastSquares` alone (`refusesCreate`) refuses `create` with a
 * QuadrantError naming it.
 *
 * Gradients are taken with tfjs's `variableGrads`, so they must be registered (import
 * `@tensorflow/tfjs`, or a backend with its gradients, before running the checks).
 */
export function optimiserConformance<Options>(optimiser: OptimiserV1<Options>, settings: OptimiserConformanceSettings = {}): ConformanceCheck[] {
  const name = optimiser.name;
  const check = (title: string, run: () => Promise<void>): ConformanceCheck => ({ name: `${name}: ${title}`, run });
  const parse = (extra?: unknown): Options => {
    const raw = { ...(settings.options as object | undefined), ...(extra as object | undefined) };
    const parsed = optimiser.options.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Error(`${name}: options ${JSON.stringify(raw)} fail the schema at '${issue?.path.join('.') ?? ''}': ${issue?.message ?? parsed.error.message}`);
  };
  /** Runs `use` on a fresh problem and an optimiser over its variables; frees both after. */
  const withOptimiser = async (
    make: () => OptimisationProblem,
    extra: unknown,
    use: (instance: OptimiserInstanceV1, problem: OptimisationProblem) => void | Promise<void>,
  ): Promise<void> => {
    const problem = make();
    try {
      const instance = optimiser.create(problem.variables as Variable[], parse(extra));
      try {
        await use(instance, problem);
      } finally {
        instance.dispose();
      }
    } finally {
      problem.dispose();
    }
  };
  const stepOnce = (instance: OptimiserInstanceV1, problem: OptimisationProblem): number => {
    const value = instance.step(closureOf(problem));
    try {
      return value.dataSync()[0]!;
    } finally {
      value.dispose();
    }
  };
  const minimises = (
    make: () => OptimisationProblem,
    title: string,
    given: MinimisationSettings | undefined,
    defaults: { steps: number; tolerance: number },
  ) => {
    const steps = given?.steps ?? defaults.steps;
    const tolerance = given?.tolerance ?? defaults.tolerance;
    return check(`minimises ${title} to ${format(tolerance)} within ${steps} steps`, async () => {
      await withOptimiser(make, given?.options, (instance, problem) => {
        let taken = 0;
        let first: number | undefined;
        while (taken < steps && instance.converged === undefined) {
          const loss = stepOnce(instance, problem);
          first ??= loss;
          taken++;
        }
        const distance = distanceToMinimum(problem.variables, problem.minimum);
        if (!(distance <= tolerance)) {
          const stopped = instance.converged === undefined ? `after ${taken} steps` : `when it converged after ${taken} steps (${instance.converged})`;
          throw new Error(
            `${name}: on ${problem.title}, ${stopped} the parameters are ${format(distance)} from the minimum, above ${format(tolerance)} (loss ${format(first ?? Number.NaN)} at the start, ${format(tidy(() => problem.loss().dataSync()[0]!))} at the end); tune its options or steps in the kit settings`,
          );
        }
      });
    });
  };

  const checks: ConformanceCheck[] = [
    check('declares spec v1, a kebab-case name and a description; the option schema parses the options given', async () => {
      checkDeclaration(optimiser, {
        declare: 'the optimiser with defineOptimiser',
        typed: "in a run's settings",
        example: 'adabelief',
        describe: 'what the method is',
      });
      parse();
    }),
  ];

  if (settings.refusesCreate) {
    checks.push(
      check('refuses create on tfjs variables with a QuadrantError naming it (it works through leastSquares)', async () => {
        const problem = quadratic();
        try {
          let instance: OptimiserInstanceV1 | undefined;
          try {
            instance = optimiser.create(problem.variables as Variable[], parse());
          } catch (error) {
            if (!QuadrantError.isInstance(error))
              throw new Error(`${name}: create refused with '${messageOf(error)}'; throw a QuadrantError (CONFIG_INVALID) saying what to use instead`);
            if (!error.message.includes(name)) throw new Error(`${name}: the refusal '${error.message}' does not name the optimiser`);
            return;
          }
          instance.dispose();
          throw new Error(`${name}: declared to work through leastSquares alone, but create built an optimiser`);
        } finally {
          problem.dispose();
        }
      }),
    );
  } else {
    checks.push(
      minimises(quadratic, 'a quadratic over a vector and a matrix', settings.quadratic, { steps: 500, tolerance: 1e-3 }),
      minimises(rosenbrock, "Rosenbrock's function from (−1.2, 1)", settings.rosenbrock, { steps: 5000, tolerance: 1e-2 }),

      check('its state survives state() → JSON → restore() into a fresh instance, which steps bit for bit as the original (exempt without state)', async () => {
        const before = settings.roundTrip?.before ?? 5;
        const after = settings.roundTrip?.after ?? 5;
        const extra = settings.rosenbrock?.options;
        await withOptimiser(rosenbrock, extra, async (original, problem) => {
          if (original.state === undefined && original.restore === undefined) return;
          if (original.state === undefined || original.restore === undefined) {
            throw new Error(
              `${name}: has ${original.state === undefined ? 'restore but no state' : 'state but no restore'}; implement both, or neither for an optimiser that keeps nothing between steps`,
            );
          }
          for (let i = 0; i < before; i++) stepOnce(original, problem);
          const state = original.state();
          if (state.optimiser !== name) throw new Error(`${name}: state().optimiser is '${state.optimiser}', expected '${name}'`);
          if (!Number.isInteger(state.version) || state.version < 1) throw new Error(`${name}: state().version is ${state.version}, expected an integer ≥ 1`);
          const text = JSON.stringify(state);
          const read = JSON.parse(text) as typeof state;
          if (!jsonEqual(state, read)) {
            throw new Error(
              `${name}: state() is not plain JSON (a NaN, an Infinity, undefined or a typed array changes through JSON.stringify); save numbers as number arrays`,
            );
          }
          await withOptimiser(rosenbrock, extra, async (restored, copy) => {
            copy.variables.forEach((each, i) => {
              each.assign(problem.variables[i]!);
            });
            restored.restore!(read);
            for (let i = 0; i < after; i++) {
              const [a, b] = [stepOnce(original, problem), stepOnce(restored, copy)];
              const moved = problem.variables.findIndex((each, v) => {
                const mine = each.dataSync();
                const theirs = copy.variables[v]!.dataSync();
                return mine.some((value, j) => !Object.is(value, theirs[j]));
              });
              if (!Object.is(a, b) || moved >= 0) {
                throw new Error(
                  `${name}: after restore(JSON of state()) a fresh instance steps differently from the original at step ${i + 1} after the save (${moved >= 0 ? `variable ${moved} differs` : `loss ${a} against ${b}`}); state() must hold everything step reads (moments, buffers, step counts, curvature history)`,
                );
              }
            }
            if (JSON.stringify(original.state!()) !== JSON.stringify(restored.state!()))
              throw new Error(`${name}: the restored instance's state() differs from the original's after the same steps`);
          });
          await withOptimiser(rosenbrock, extra, (fresh) => {
            let error: unknown;
            try {
              fresh.restore!({ ...read, optimiser: `not-${name}` });
            } catch (caught) {
              error = caught;
            }
            if (!QuadrantError.hasCode(error, 'ARTEFACT_INVALID')) {
              throw new Error(
                `${name}: restore of a state saved by optimiser 'not-${name}' should throw QuadrantError ARTEFACT_INVALID; got ${error === undefined ? 'no error' : messageOf(error)}`,
              );
            }
          });
        });
      }),

      check('no tensor leaks: steps keep the tensor count flat and dispose frees what create made', async () => {
        const problem = quadratic();
        try {
          const before = memory().numTensors;
          const instance = optimiser.create(problem.variables as Variable[], parse(settings.quadratic?.options));
          try {
            // Burn-in: slots made lazily on the first step are not a leak.
            stepOnce(instance, problem);
            const afterFirst = memory().numTensors;
            for (let i = 0; i < 3; i++) stepOnce(instance, problem);
            const growth = memory().numTensors - afterFirst;
            if (growth !== 0)
              throw new Error(
                `${name}: ${growth} tensors leaked over 3 steps; dispose the closure's gradients (the loss goes back to the caller), and work inside tidy`,
              );
          } finally {
            instance.dispose();
          }
          const left = memory().numTensors - before;
          if (left !== 0) throw new Error(`${name}: ${left} tensors remain after dispose(); free every slot (moments, buffers) create or step made`);
        } finally {
          problem.dispose();
        }
      }),
    );
  }

  if (optimiser.leastSquares !== undefined) {
    const leastSquares = optimiser.leastSquares.bind(optimiser);
    const iterations = settings.leastSquares?.iterations ?? 100;
    const tolerance = settings.leastSquares?.tolerance ?? 1e-6;
    const residuals: [() => LeastSquaresProblem, string][] = [
      [linearResidual, 'a linear residual (6 equations, 3 unknowns)'],
      [rosenbrockResidual, 'the Rosenbrock residual from (−1.2, 1)'],
    ];
    for (const [make, title] of residuals) {
      checks.push(
        check(
          `leastSquares minimises ${title} to ${format(tolerance)} within ${iterations} iterations, and reports a cost and history that match`,
          async () => {
            const { problem, start, minimum, title: what } = make();
            const startCopy = start.slice();
            const result = leastSquares(problem, start, parse(settings.leastSquares?.options), iterations);
            if (start.some((value, i) => !Object.is(value, startCopy[i]))) throw new Error(`${name}: leastSquares changed the start it was given; copy it`);
            if (result.parameters.length !== problem.size)
              throw new Error(`${name}: leastSquares returned ${result.parameters.length} parameters for a problem of size ${problem.size}`);
            const distance = result.parameters.reduce(
              (largest, value, i) => Math.max(largest, Number.isNaN(value) ? Number.POSITIVE_INFINITY : Math.abs(value - minimum[i]!)),
              0,
            );
            if (!(distance <= tolerance)) {
              throw new Error(
                `${name}: on ${what}, leastSquares stopped (${result.reason}) after ${result.iterations} iterations ${format(distance)} from the minimum, above ${format(tolerance)}`,
              );
            }
            if (!(result.iterations <= iterations))
              throw new Error(`${name}: leastSquares took ${result.iterations} iterations, over the ${iterations} allowed`);
            const halfSquares = (parameters: Float64Array): number =>
              problem.evaluate(parameters, false).residual.reduce((total, value) => total + value * value, 0) / 2;
            const cost = halfSquares(result.parameters);
            if (!(Math.abs(result.cost - cost) <= 1e-12 * Math.max(cost, 1e-300) + 1e-300)) {
              throw new Error(`${name}: leastSquares reports cost ${result.cost}, but ½‖r‖² at the parameters it returned is ${cost}`);
            }
            const history = result.history;
            if (history.length === 0 || !Object.is(history[0], halfSquares(start)))
              throw new Error(`${name}: history[0] should be ½‖r‖² at the start, ${halfSquares(start)}; got ${history[0]}`);
            if (!Object.is(history[history.length - 1], result.cost))
              throw new Error(`${name}: the last history entry ${history[history.length - 1]} is not the cost reported, ${result.cost}`);
          },
        ),
      );
    }
  }
  return checks;
}
