import {
  checkDeclaration,
  type ConformanceCheck,
  type LossContextV1,
  type LossStepV1,
  type LossTermInstanceV1,
  type LossTermV1,
  type NetworkV1,
  QuadrantError,
  zodIssuePath,
} from '@quadrant/spec';
import { memory, mul, type Scalar, scalar, type Tensor2D, tensor, tidy, type Variable, variable, variableGrads } from '@tensorflow/tfjs-core';
import { sinusoidNetwork } from './sinusoid-network.ts';

/** What to build a term against and how strictly to check it. */
export interface LossConformanceSettings {
  /** The run the term is built for: problem, output columns, observations (needed by `needsData` terms). */
  readonly context: LossContextV1;
  /**
   * The network evaluated: a built one (the kit restores its variables after every check and
   * leaves disposing it to you), or a factory called once per check (the kit disposes what it
   * returns). Default: `sinusoidNetwork`, one sinusoid per unknown, positive, with exact jets.
   */
  readonly network?: NetworkV1 | ((context: LossContextV1) => NetworkV1);
  /** Raw options, parsed by the term's schema (default `{}`). */
  readonly options?: unknown;
  /** Collocation points, spread evenly over the problem's domain (default 16). */
  readonly points?: number;
  /** Multiplies the relative tolerance of the gradient check (default 1). */
  readonly tolerance?: number;
}

/** A step as a trainer makes one, which also records what the term asked of it. */
interface RecordingStep extends LossStepV1 {
  readonly requests: { readonly input: Tensor2D; readonly order: number }[];
  /** Every jet tensor handed to the term: shared with other terms, so the term must leave them alive. */
  readonly handedOut: Tensor2D[];
}

/** Network, collocation points and parameters of one check. */
interface Bench {
  readonly network: NetworkV1;
  readonly collocation: Tensor2D;
  readonly parameters: Readonly<Record<string, Scalar>>;
  /** Learnable problem parameters as trainable variables, by name. */
  readonly learnable: ReadonlyMap<string, Variable>;
  /** A fresh step with its own jets memo, as a trainer makes one per training step; call inside a tidy. */
  step(): RecordingStep;
}

/** The value and, per variable, its gradient in float64 (zeros where no gradient reached it). */
interface Gradients {
  readonly value: number;
  readonly grads: Float64Array[];
  /** Which variables a gradient reached at all. */
  readonly reached: boolean[];
}

// Relative agreement asked of a gradient against central differences of the float32 value.
const gradientAgreement = 1e-2;
// Steps of the difference along the gradient, as the share of the value they change it by:
// large enough to rise above float32 rounding, small enough for the curvature not to matter;
// one of them has to agree.
const valueShares = [1e-1, 1e-2, 1e-3];
// Steps in a learnable parameter, relative to max(|p|, 1).
const parameterSteps = [2 ** -4, 2 ** -7, 2 ** -10];
// Weights of the linearity check: powers of two scale floating-point values exactly.
const weights = [0.5, 4] as const;

const format = (value: number): string => value.toPrecision(6);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The conformance kit for loss terms: named checks, each a plain async function that throws on
 * failure, so any test runner (or none) can run them. A plugin author runs the same checks the
 * built-ins pass:
 *
 * ```ts
 * for (const check of lossConformance(endValue, { context })) it(check.name, check.run);
 * ```
 *
 * The checks: the term declares spec v1, a kebab-case name and a description; the option
 * schema parses the options given; `evaluate` returns a finite float32 scalar and asks for jets
 * at the collocation points no higher than the `order` it declares; a
 * gradient reaches every network variable; the gradient agrees with central differences of the
 * value (along the gradient for the network, and in each learnable problem parameter, so a term
 * that reads a parameter must let its gradient through); the value is deterministic and
 * weight·value scales linearly in value and gradients; no tensor leaks, the step's inputs and
 * the jets it hands out stay alive, and `dispose` frees what `create` made; a `needsData` term
 * refuses a context without data with a QuadrantError naming it, any other term works without.
 *
 * Gradients are taken with tfjs's `variableGrads`, so they must be registered (import
 * `@tensorflow/tfjs`, or a backend with its gradients, before running the checks).
 */
export function lossConformance<Options>(term: LossTermV1<Options>, settings: LossConformanceSettings): ConformanceCheck[] {
  const { context } = settings;
  const { problem } = context;
  const name = term.name;
  const points = settings.points ?? 16;
  const tolerance = settings.tolerance ?? 1;
  const check = (title: string, run: () => Promise<void>): ConformanceCheck => ({ name: `${name}: ${title}`, run });

  const parseOptions = (): Options => term.options.parse(settings.options ?? {});
  const defaultNetwork = (): NetworkV1 => {
    const columns = context.unknowns.map((_, j) => j);
    // Positive everywhere (offset > amplitude), so logarithms and square roots in a problem are defined.
    return sinusoidNetwork({
      amplitude: columns.map(() => 0.5),
      frequency: columns.map((j) => 1.3 + 0.35 * j),
      phase: columns.map((j) => 0.4 + 0.9 * j),
      offset: columns.map((j) => 1.5 + 0.25 * j),
    });
  };

  const withBench = async (use: (bench: Bench) => void | Promise<void>): Promise<void> => {
    const supplied = settings.network;
    const owned = typeof supplied !== 'object';
    const network = typeof supplied === 'function' ? supplied(context) : (supplied ?? defaultNetwork());
    const saved = network.variables.map((each) => each.clone());
    const [start, end] = problem.domain;
    const collocation = tensor(
      Array.from({ length: points }, (_, i) => start + ((i + 0.5) / points) * (end - start)),
      [points, 1],
    ) as Tensor2D;
    const learnable = new Map<string, Variable>();
    const parameters: Record<string, Scalar> = {};
    for (const [parameter, declared] of Object.entries(problem.parameters)) {
      if (declared.learn) {
        const trainable = tidy(() => variable(scalar(declared.guess), true));
        learnable.set(parameter, trainable);
        parameters[parameter] = trainable;
      } else parameters[parameter] = scalar(declared.value ?? declared.guess);
    }
    const step = (): RecordingStep => {
      const memo = new Map<Tensor2D, Tensor2D[]>();
      const requests: { input: Tensor2D; order: number }[] = [];
      const handedOut: Tensor2D[] = [];
      return {
        epoch: 0,
        collocation,
        parameters,
        requests,
        handedOut,
        jets(input, order) {
          requests.push({ input, order });
          const known = memo.get(input);
          if (known !== undefined && known.length > order) return known.slice(0, order + 1);
          const jets = network.jets(input, order);
          memo.set(input, jets);
          handedOut.push(...jets);
          return jets.slice();
        },
      };
    };
    try {
      await use({ network, collocation, parameters, learnable, step });
    } finally {
      collocation.dispose();
      for (const value of Object.values(parameters)) value.dispose();
      network.variables.forEach((each, i) => {
        if (!owned && !each.isDisposed) each.assign(saved[i]!);
      });
      for (const copy of saved) copy.dispose();
      if (owned) network.dispose();
    }
  };

  const withInstance = async (instanceContext: LossContextV1, use: (instance: LossTermInstanceV1) => void | Promise<void>): Promise<void> => {
    const instance = term.create(instanceContext, parseOptions());
    try {
      await use(instance);
    } finally {
      instance.dispose();
    }
  };

  const valueAt = (instance: LossTermInstanceV1, bench: Bench): number => tidy(() => instance.evaluate(bench.step()).dataSync()[0]!);

  const trainables = (bench: Bench): Variable[] => [...bench.network.variables, ...bench.learnable.values()];

  const gradientsOf = (instance: LossTermInstanceV1, bench: Bench, weight = 1): Gradients => {
    const list = trainables(bench);
    let result: Gradients | undefined;
    tidy(() => {
      const { value, grads } = variableGrads(() => {
        const loss = instance.evaluate(bench.step());
        return weight === 1 ? loss : mul<Scalar>(loss, weight);
      }, list);
      result = {
        value: value.dataSync()[0]!,
        grads: list.map((each) => (grads[each.name] === undefined ? new Float64Array(each.size) : Float64Array.from(grads[each.name]!.dataSync()))),
        reached: list.map((each) => grads[each.name] !== undefined),
      };
    });
    return result!;
  };

  /** Sets each variable to base + h·direction (rounded to float32) and returns the values it got. */
  const place = (list: readonly Variable[], base: readonly Float64Array[], direction: readonly Float64Array[], h: number): Float64Array[] =>
    list.map((each, i) => {
      const values = Float32Array.from(base[i]!, (value, j) => value + h * direction[i]![j]!);
      tidy(() => each.assign(tensor(values, each.shape)));
      return Float64Array.from(values);
    });

  const dot = (a: readonly Float64Array[], b: readonly Float64Array[]): number => {
    let total = 0;
    for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i]!.length; j++) total += a[i]![j]! * b[i]![j]!;
    return total;
  };

  const checks: ConformanceCheck[] = [
    check('declares spec v1, a kebab-case name and a description', async () => {
      checkDeclaration(term, {
        declare: 'the term with defineLossTerm',
        typed: "in a run's settings",
        example: 'end-value',
        describe: 'what the term penalises',
      });
    }),

    check('the option schema parses the options given', async () => {
      const parsed = term.options.safeParse(settings.options ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${name}: options ${JSON.stringify(settings.options ?? {})} fail the schema at '${zodIssuePath(issue)}': ${issue.message}`);
      }
    }),

    check('evaluate returns a finite float32 scalar and asks for collocation jets no higher than its order', async () => {
      await withBench((bench) =>
        withInstance(context, (instance) => {
          if (!Number.isInteger(instance.order) || instance.order < 0) throw new Error(`${name}: order is ${instance.order}, expected an integer ≥ 0`);
          tidy(() => {
            const step = bench.step();
            const value = instance.evaluate(step);
            if (value.rank !== 0)
              throw new Error(`${name}: evaluate returned shape [${value.shape.join(', ')}], expected a scalar: reduce with tf.mean or tf.sum`);
            if (value.dtype !== 'float32') throw new Error(`${name}: evaluate returned dtype ${value.dtype}, expected float32`);
            const number = value.dataSync()[0]!;
            if (!Number.isFinite(number)) throw new Error(`${name}: evaluate returned ${number} on a smooth network`);
            for (const request of step.requests) {
              if (request.input === bench.collocation && request.order > instance.order) {
                throw new Error(
                  `${name}: declares order ${instance.order} but asked for jets of order ${request.order} at the collocation points; declare the highest order it asks for there (the trainer computes those jets once, up to the highest order any term declares)`,
                );
              }
            }
          });
        }),
      );
    }),

    check('a gradient reaches every network variable', async () => {
      await withBench((bench) =>
        withInstance(context, (instance) => {
          let gradients: Gradients;
          try {
            gradients = gradientsOf(instance, bench);
          } catch (error) {
            throw new Error(
              `${name}: no gradient reaches the network (${messageOf(error)}); build the value from step.jets with tensor ops, without dataSync, arraySync or tensors made from numbers`,
            );
          }
          bench.network.variables.forEach((each, i) => {
            const where = `network variable ${i} [${each.shape.join(', ')}]`;
            if (!gradients.reached[i]) throw new Error(`${name}: no gradient reaches ${where}; the value must depend on the network's jets through tensor ops`);
            if (gradients.grads[i]!.some((value) => !Number.isFinite(value))) throw new Error(`${name}: the gradient of ${where} is not finite`);
          });
          // One variable may rightly get a zero gradient (a first-layer weight times t0 = 0), but not all of them.
          if (gradients.grads.slice(0, bench.network.variables.length).every((grads) => grads.every((value) => value === 0))) {
            throw new Error(
              `${name}: the gradient is zero for every network variable: on this network the value does not respond to the weights (a network that meets a condition by construction makes its term constant: check with one that does not)`,
            );
          }
        }),
      );
    }),

    check('the gradient agrees with central differences of the value (network, learnable parameters)', async () => {
      await withBench((bench) =>
        withInstance(context, (instance) => {
          const list = trainables(bench);
          const base = list.map((each) => Float64Array.from(each.dataSync()));
          const { value, grads } = gradientsOf(instance, bench);
          const restore = (): void => {
            list.forEach((each, i) => {
              tidy(() => each.assign(tensor(Float32Array.from(base[i]!), each.shape)));
            });
          };
          /** Agreement of value(base + h·d) − value(base − h·d) with the gradient's prediction, for some h of `steps`. */
          const compare = (direction: Float64Array[], steps: readonly number[], subject: string): void => {
            const tried: string[] = [];
            try {
              for (const h of steps) {
                const plus = place(list, base, direction, h);
                const above = valueAt(instance, bench);
                const minus = place(list, base, direction, -h);
                const below = valueAt(instance, bench);
                const measured = above - below;
                const predicted = dot(grads, plus) - dot(grads, minus);
                // Rounding of the two float32 values bounds what a difference can resolve.
                const floor = 16 * 2 ** -23 * (Math.abs(above) + Math.abs(below));
                if (Math.abs(measured - predicted) <= gradientAgreement * tolerance * Math.max(Math.abs(measured), Math.abs(predicted)) + floor) return;
                tried.push(`step ${format(h)}: the value moved by ${format(measured)}, the gradient predicts ${format(predicted)}`);
              }
            } finally {
              restore();
            }
            throw new Error(`${name}: the gradient disagrees with differences of the value ${subject} (${tried.join('; ')})`);
          };
          const networkCount = bench.network.variables.length;
          const networkNorm = Math.sqrt(dot(grads.slice(0, networkCount), grads.slice(0, networkCount)));
          if (networkNorm > 0) {
            const along = list.map((each, i) => (i < networkCount ? grads[i]!.map((entry) => entry / networkNorm) : new Float64Array(each.size)));
            const scale = value === 0 ? networkNorm : Math.abs(value);
            compare(
              along,
              valueShares.map((share) => (share * scale) / networkNorm),
              "along the gradient of the network's variables",
            );
          }
          [...bench.learnable.keys()].forEach((parameter, p) => {
            const i = networkCount + p;
            const direction = list.map((each, j) => (j === i ? Float64Array.of(1) : new Float64Array(each.size)));
            const size = Math.max(Math.abs(base[i]![0]!), 1);
            const subject = `in the learnable parameter '${parameter}'${grads[i]!.every((entry) => entry === 0) ? ' (no gradient reaches it: read step.parameters as tensors, not numbers)' : ''}`;
            compare(
              direction,
              parameterSteps.map((step) => step * size),
              subject,
            );
          });
        }),
      );
    }),

    check('the value is deterministic and weight·value scales linearly in value and gradients', async () => {
      await withBench((bench) =>
        withInstance(context, (instance) => {
          const first = valueAt(instance, bench);
          const second = valueAt(instance, bench);
          if (first !== second) {
            throw new Error(
              `${name}: two evaluations on the same step inputs give ${first} and ${second}; evaluate must depend on the step alone (no state kept between calls, no randomness)`,
            );
          }
          const [small, large] = weights.map((weight) => gradientsOf(instance, bench, weight));
          const ratio = weights[1] / weights[0];
          if (Math.abs(large!.value - ratio * small!.value) > 1e-6 * Math.abs(ratio * small!.value)) {
            throw new Error(
              `${name}: ${weights[1]}·value is ${format(large!.value)} but ${weights[0]}·value is ${format(small!.value)}: not linear in the weight`,
            );
          }
          small!.grads.forEach((grads, i) => {
            const largest = grads.reduce((most, entry) => Math.max(most, Math.abs(ratio * entry)), 0);
            grads.forEach((entry, j) => {
              if (Math.abs(large!.grads[i]![j]! - ratio * entry) > 1e-6 * largest) {
                throw new Error(`${name}: the gradient of variable ${i} under weight ${weights[1]} is not ${ratio}× the one under weight ${weights[0]}`);
              }
            });
          });
        }),
      );
    }),

    check("no tensor leaks; the step's inputs and jets stay alive; dispose frees what create made", async () => {
      await withBench((bench) => {
        const before = memory().numTensors;
        const instance = term.create(context, parseOptions());
        try {
          const afterCreate = memory().numTensors;
          for (let round = 0; round < 3; round++) {
            tidy(() => {
              const step = bench.step();
              instance.evaluate(step);
              const inputs = [bench.collocation, ...Object.values(bench.parameters)];
              if (inputs.some((input) => input.isDisposed))
                throw new Error(`${name}: evaluate disposed the step's collocation points or parameters; they belong to the trainer`);
              if (step.handedOut.some((jet) => jet.isDisposed)) {
                throw new Error(
                  `${name}: a jet tensor from step.jets was disposed during evaluate; other terms share them: do not wrap evaluate in tf.tidy or dispose what step.jets returns`,
                );
              }
            });
            gradientsOf(instance, bench);
          }
          const leaked = memory().numTensors - afterCreate;
          if (leaked !== 0)
            throw new Error(
              `${name}: ${leaked} tensors outlived the caller's tidy over 3 evaluations; allocate constants in create, everything else inside evaluate`,
            );
        } finally {
          instance.dispose();
        }
        const kept = memory().numTensors - before;
        if (kept !== 0) throw new Error(`${name}: dispose left ${kept} of the tensors create made; free every constant (inputs, targets) in dispose`);
      });
    }),
  ];

  const withoutData: LossContextV1 = { ...context, data: undefined };
  if (term.needsData) {
    checks.push(
      check('refuses a context without data with a QuadrantError naming the term', async () => {
        let instance: LossTermInstanceV1 | undefined;
        try {
          instance = term.create(withoutData, parseOptions());
        } catch (error) {
          if (!QuadrantError.isInstance(error))
            throw new Error(`${name}: refused a context without data with ${messageOf(error)}; throw a QuadrantError (code CONFIG_INVALID) instead`);
          if (!error.message.includes(name)) throw new Error(`${name}: the refusal "${error.message}" does not name the term '${name}'`);
          return;
        }
        instance.dispose();
        throw new Error(`${name}: declares needsData but was created from a context without data; throw a QuadrantError (CONFIG_INVALID) from create`);
      }),
    );
  } else {
    checks.push(
      check('works without data (it does not declare needsData)', async () => {
        await withBench((bench) =>
          withInstance(withoutData, (instance) => {
            const value = valueAt(instance, bench);
            if (!Number.isFinite(value)) throw new Error(`${name}: without data, evaluate returned ${value}`);
          }),
        );
      }),
    );
  }
  return checks;
}
