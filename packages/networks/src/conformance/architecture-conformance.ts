import {
  addN,
  mean,
  memory,
  mul,
  type Scalar,
  square,
  sum,
  type Tensor,
  type Tensor2D,
  tensor,
  tensor2d,
  tidy,
  type Variable,
  variableGrads,
} from '@tensorflow/tfjs-core';
import { type ArchitectureV1, type ConformanceCheck, type NetworkV1, QuadrantError, type SeededRandom, seededRandom, zodIssuePath } from '@quadrant/spec';
import { matchesDifferences } from './difference-estimate.ts';
import { float64PathChecks } from './float64-path-checks.ts';

/** What to build and how strictly to check it. */
export interface ArchitectureConformanceSettings {
  /** Raw options, parsed by the architecture's schema (default `{}`). */
  readonly options?: unknown;
  /** Input and output columns of the networks built (default 1 input, 2 outputs). */
  readonly shape?: { readonly inputs?: number; readonly outputs?: number };
  /** Highest jet order checked against finite differences (default 4, at most the architecture's jetOrder). */
  readonly order?: number;
  /** Multiplies every tolerance (default 1); raise it only for a network that is numerically rough. */
  readonly tolerance?: number;
  /** Seed of the networks built and of the sample points (default 1). */
  readonly seed?: number;
}

// float32 unit roundoff: the network computes in float32, the kit in float64.
const epsilon = 2 ** -23;
// Rounding of a network's float32 output, in units of epsilon times the output's scale:
// tens of ops each add an ulp or so, and differences divide it by the step.
const roundingUlps = 64;
// Share of the derivative's scale allowed as error: far above what float32 jets and
// fourth-order differences leave, far below what a wrong term of a derivative does.
const relativeError = 1e-3;
// Steps for the differences in t and in a weight: powers of two, so every stencil point is
// exact in float32 around sample points on a grid of 1/16 and weights snapped to 2^-12.
const inputSteps = Array.from({ length: 12 }, (_, i) => 2 ** -(i + 3));
const weightSteps = [2 ** -4, 2 ** -5, 2 ** -6, 2 ** -7, 2 ** -8, 2 ** -9, 2 ** -10];
const weightGrid = 2 ** 12;
const offsets = [-2, -1, 1, 2] as const;

const maxAbs = (values: ArrayLike<number>): number => {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]!));
  return largest;
};

const format = (value: number): string => value.toPrecision(6);

/**
 * The conformance kit for architectures: named checks, each a plain async function that
 * throws on failure, so any test runner (or none) can run them. A plugin author runs the same
 * checks the built-ins pass:
 *
 * ```ts
 * for (const check of architectureConformance(siren, { options: { omega0: 30 } })) it(check.name, check.run);
 * ```
 *
 * The checks: the option schema parses `{}`; one seed builds one network; jets have shape
 * [N, outputs] and the value does not depend on the order asked; each jet of order k ≤ `order`
 * matches central differences of order k − 1 in t (so, by induction, of the value); weight
 * gradients of a loss on the jets (mean squares of orders 0–2) match numerical gradients;
 * order jetOrder + 1 is refused with `JETS_UNSUPPORTED`; no tensor leaks and `dispose` frees
 * the variables; `jetsWithVjp`, if offered, matches tfjs autodiff; a `float64` path, if
 * declared, gives the tfjs jets to float32 rounding, a Jacobian that matches differences of its
 * own jets to a relative 1e-6, a `write`/`read` that round-trips exactly and moves the tfjs
 * jets, and the same refusal above jetOrder (see `float64PathChecks`). Tolerances suit float32
 * networks; differences are formed in float64.
 *
 * Gradients are taken with tfjs's `variableGrads`, so they must be registered (import
 * `@tensorflow/tfjs`, or a backend with its gradients, before running the checks).
 */
export function architectureConformance<Options>(architecture: ArchitectureV1<Options>, settings: ArchitectureConformanceSettings = {}): ConformanceCheck[] {
  const inputs = settings.shape?.inputs ?? 1;
  const outputs = settings.shape?.outputs ?? 2;
  const seed = settings.seed ?? 1;
  const tolerance = settings.tolerance ?? 1;
  const order = Math.min(settings.order ?? 4, architecture.jetOrder);
  const name = architecture.name;
  const random = (stream: number): SeededRandom => seededRandom(seed * 7919 + stream);
  // Further input columns (parameters, say) stay fixed: jets are in column 0 only.
  const extraColumns = Array.from({ length: inputs - 1 }, (_, i) => Math.round(16 * (2 * random(i).uniform() - 1)) / 16);

  const parseOptions = (): Options => architecture.options.parse(settings.options ?? {});
  const build = (): NetworkV1 => architecture.build(parseOptions(), { inputs, outputs, seed });
  const inputMatrix = (ts: readonly number[]): Tensor2D => {
    const values = new Float32Array(ts.length * inputs);
    ts.forEach((t, row) => {
      values[row * inputs] = t;
      extraColumns.forEach((value, column) => {
        values[row * inputs + column + 1] = value;
      });
    });
    return tensor2d(values, [ts.length, inputs]);
  };
  /** Jets of orders 0..jetsOrder at `ts`, row-major [ts.length × outputs] each, in float64. */
  const evaluate = (network: NetworkV1, ts: readonly number[], jetsOrder: number): Float64Array[] => {
    const result: Float64Array[] = [];
    tidy(() => {
      for (const jet of network.jets(inputMatrix(ts), jetsOrder)) result.push(Float64Array.from(jet.dataSync()));
    });
    return result;
  };
  const withNetwork = async (use: (network: NetworkV1) => void | Promise<void>): Promise<void> => {
    const network = build();
    try {
      await use(network);
    } finally {
      network.dispose();
    }
  };
  const lossOnJets = (jets: readonly Tensor2D[], weights: readonly number[]): Scalar =>
    addN(jets.map((jet, k) => mul<Scalar>(mean(square(jet)), weights[k] ?? 1)));
  const check = (title: string, run: () => Promise<void>): ConformanceCheck => ({ name: `${name}: ${title}`, run });
  // Sample points spread over [−2, 2], on a grid of 1/16, so that tanh-like units leave their linear range.
  const gridPoints = (count: number): number[] => Array.from({ length: count }, (_, i) => 2 * (-1 + (2 * i + 1) / count));

  const checks: ConformanceCheck[] = [
    check('the option schema parses {} (every option has a default)', async () => {
      const parsed = architecture.options.safeParse({});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${name}: options {} fail the schema at '${zodIssuePath(issue)}': ${issue.message}`);
      }
    }),

    check('one seed builds one network: same weights, same jets; metadata as built', async () => {
      const ts = gridPoints(8);
      await withNetwork(async (first) => {
        await withNetwork(async (second) => {
          if (first.architecture !== name) throw new Error(`${name}: network.architecture is '${first.architecture}', expected '${name}'`);
          if (first.shape.inputs !== inputs || first.shape.outputs !== outputs || first.shape.seed !== seed) {
            throw new Error(`${name}: network.shape is ${JSON.stringify(first.shape)}, built with ${JSON.stringify({ inputs, outputs, seed })}`);
          }
          if (JSON.stringify(first.options) !== JSON.stringify(parseOptions())) {
            throw new Error(`${name}: network.options ${JSON.stringify(first.options)} are not the validated options it was built with`);
          }
          if (first.jetOrder < architecture.jetOrder) {
            throw new Error(`${name}: the architecture declares jetOrder ${architecture.jetOrder} but its network gives ${first.jetOrder}`);
          }
          if (first.variables.length === 0) throw new Error(`${name}: the network has no variables to train`);
          if (first.variables.length !== second.variables.length) throw new Error(`${name}: two builds with one seed have different variables`);
          first.variables.forEach((variable, i) => {
            const a = variable.dataSync();
            const b = second.variables[i]!.dataSync();
            if (!variable.trainable) throw new Error(`${name}: variable ${i} is not trainable`);
            if (a.length !== b.length || a.some((value, j) => value !== b[j])) {
              throw new Error(`${name}: two builds with seed ${seed} differ in variable ${i}: initialise from shape.seed, not a global random state`);
            }
          });
          const a = evaluate(first, ts, order);
          const b = evaluate(second, ts, order);
          a.forEach((values, k) => {
            if (values.some((value, j) => value !== b[k]![j])) throw new Error(`${name}: two builds with seed ${seed} give different jets of order ${k}`);
          });
        });
      });
    }),

    check(`jets of orders 0..${order} have shape [N, outputs], are finite, and the value does not depend on the order asked`, async () => {
      const ts = gridPoints(16);
      await withNetwork((network) => {
        tidy(() => {
          const input = inputMatrix(ts);
          const jets = network.jets(input, order);
          if (jets.length !== order + 1) throw new Error(`${name}: jets(input, ${order}) returned ${jets.length} tensors, expected ${order + 1}`);
          jets.forEach((jet, k) => {
            if (jet.rank !== 2 || jet.shape[0] !== ts.length || jet.shape[1] !== outputs) {
              throw new Error(`${name}: jet of order ${k} has shape [${jet.shape.join(', ')}], expected [${ts.length}, ${outputs}]`);
            }
            if (jet.dataSync().some((value) => !Number.isFinite(value))) throw new Error(`${name}: jet of order ${k} is not finite`);
          });
          const alone = network.jets(input, 0);
          if (alone.length !== 1) throw new Error(`${name}: jets(input, 0) returned ${alone.length} tensors, expected 1`);
          const value = jets[0]!.dataSync();
          const scale = maxAbs(value);
          alone[0]!.dataSync().forEach((entry, i) => {
            if (Math.abs(entry - value[i]!) > 1e-5 * tolerance * (scale + 1e-30)) {
              throw new Error(`${name}: the value differs when order ${order} is asked instead of 0 (${format(entry)} vs ${format(value[i]!)})`);
            }
          });
        });
      });
    }),
  ];

  for (let k = 1; k <= order; k++) {
    checks.push(
      check(`the jet of order ${k} matches central differences of the jet of order ${k - 1}`, async () => {
        const centres = gridPoints(16);
        const ts = [...centres];
        for (const t of centres) for (const h of inputSteps) for (const j of offsets) ts.push(t + j * h);
        await withNetwork((network) => {
          const jets = evaluate(network, ts, k);
          const lower = jets[k - 1]!;
          const target = jets[k]!;
          const lowerScale = maxAbs(lower);
          const targetScale = maxAbs(target.subarray(0, centres.length * outputs));
          const allowed = (h: number): number => tolerance * ((roundingUlps * epsilon * lowerScale) / h + relativeError * targetScale);
          const failures: string[] = [];
          let checked = 0;
          centres.forEach((t, i) => {
            for (let column = 0; column < outputs; column++) {
              const at = (s: number, j: number): number => {
                const row = j === 0 ? i : centres.length + (i * inputSteps.length + s) * offsets.length + offsets.indexOf(j as (typeof offsets)[number]);
                return lower[row * outputs + column]!;
              };
              const jet = target[i * outputs + column]!;
              const { checked: usable, matches, estimate } = matchesDifferences(jet, at, inputSteps, allowed);
              if (!usable) continue;
              checked++;
              if (!matches && estimate !== undefined) {
                failures.push(
                  `t = ${t}, output ${column}: jet ${format(jet)}, differences ${format(estimate.value)} (step ${estimate.step}, allowed error ${estimate.allowed.toExponential(2)})`,
                );
              }
            }
          });
          const total = centres.length * outputs;
          if (failures.length > 0) {
            throw new Error(
              `${name}: the jet of order ${k} is not the derivative of the jet of order ${k - 1} at ${failures.length} of ${checked} points; ${failures.slice(0, 3).join('; ')}`,
            );
          }
          if (checked < total / 2) {
            throw new Error(
              `${name}: the jet of order ${k - 1} is smooth enough to difference at only ${checked} of ${total} points, too few to check order ${k}`,
            );
          }
        });
      }),
    );
  }

  checks.push(
    check(`weight gradients of a loss on jets of orders 0..${Math.min(order, 2)} match numerical gradients`, async () => {
      const gradientOrder = Math.min(order, 2);
      const ts = gridPoints(8);
      await withNetwork((network) => {
        const variables = network.variables;
        const pick = random(101);
        // A few weights per variable, snapped to a grid so that every perturbed value is exact in float32.
        const selected = variables.flatMap((variable, v) => {
          const size = variable.size;
          const indices = [...new Set(Array.from({ length: Math.min(3, size) }, () => Math.floor(pick.uniform() * size)))];
          return indices.map((index) => ({ v, index }));
        });
        const setWeight = (v: number, index: number, value: number): void => {
          const variable = variables[v]!;
          const values = Float32Array.from(variable.dataSync());
          values[index] = value;
          tidy(() => {
            variable.assign(tensor(values, variable.shape));
          });
        };
        const base = selected.map(({ v, index }) => {
          const value = Math.round(variables[v]!.dataSync()[index]! * weightGrid) / weightGrid;
          setWeight(v, index, value);
          return value;
        });
        const baseJets = evaluate(network, ts, gradientOrder);
        // Each order weighted to contribute about 1, so no order drowns the others.
        const weights = baseJets.map((values) => {
          const meanSquare = values.reduce((total, value) => total + value * value, 0) / values.length;
          return meanSquare > 0 ? 1 / meanSquare : 1;
        });
        const loss = (): number =>
          evaluate(network, ts, gradientOrder).reduce(
            (total, values, k) => total + (weights[k]! * values.reduce((squares, value) => squares + value * value, 0)) / values.length,
            0,
          );
        const analytic = new Map<Variable, Float32Array>();
        tidy(() => {
          const input = inputMatrix(ts);
          const { grads } = variableGrads(() => lossOnJets(network.jets(input, gradientOrder), weights), [...variables]);
          for (const variable of variables) {
            const gradient = grads[variable.name];
            analytic.set(variable, gradient === undefined ? new Float32Array(variable.size) : Float32Array.from(gradient.dataSync()));
          }
        });
        const gradientScale = Math.max(...[...analytic.values()].map(maxAbs));
        const lossScale = loss();
        const allowed = (h: number): number => tolerance * ((roundingUlps * epsilon * lossScale) / h + relativeError * gradientScale);
        const failures: string[] = [];
        let checked = 0;
        selected.forEach(({ v, index }, s) => {
          const samples = new Map<string, number>();
          const sample = (step: number, offset: number): number => {
            const key = offset === 0 ? 'base' : `${step},${offset}`;
            if (!samples.has(key)) {
              setWeight(v, index, base[s]! + offset * weightSteps[step]!);
              samples.set(key, loss());
            }
            return samples.get(key)!;
          };
          const gradient = analytic.get(variables[v]!)![index]!;
          const { checked: usable, matches, estimate } = matchesDifferences(gradient, sample, weightSteps, allowed);
          setWeight(v, index, base[s]!);
          if (!usable) return;
          checked++;
          if (!matches && estimate !== undefined) {
            failures.push(
              `variable ${v} [${index}]: autodiff ${format(gradient)}, differences ${format(estimate.value)} (allowed error ${estimate.allowed.toExponential(2)})`,
            );
          }
        });
        if (failures.length > 0) {
          throw new Error(
            `${name}: weight gradients through the jets are wrong at ${failures.length} of ${checked} weights; ${failures.slice(0, 3).join('; ')}`,
          );
        }
        if (checked < selected.length / 2) {
          throw new Error(`${name}: the loss is smooth enough in the weights to difference at only ${checked} of ${selected.length} weights`);
        }
      });
    }),

    check('asking for more derivatives than jetOrder is refused with JETS_UNSUPPORTED', async () => {
      await withNetwork((network) => {
        const beyond = network.jetOrder + 1;
        let error: unknown;
        try {
          tidy(() => {
            network.jets(inputMatrix(gridPoints(4)), beyond);
          });
        } catch (caught) {
          error = caught;
        }
        if (!QuadrantError.hasCode(error, 'JETS_UNSUPPORTED')) {
          throw new Error(
            `${name}: jets(input, ${beyond}) above jetOrder ${network.jetOrder} must throw QuadrantError JETS_UNSUPPORTED; got ${error === undefined ? 'a result' : String(error)}`,
          );
        }
        if (!error.message.includes(name) || !error.message.includes(String(beyond))) {
          throw new Error(`${name}: the JETS_UNSUPPORTED message should name the architecture and the order ${beyond}: '${error.message}'`);
        }
      });
    }),

    check('no tensor leaks: jets and their gradients inside tidy keep the tensor count flat; dispose frees the variables', async () => {
      const before = memory().numTensors;
      const network = build();
      const input = inputMatrix(gridPoints(8));
      const step = (): void => {
        tidy(() => {
          variableGrads(() => lossOnJets(network.jets(input, order), []), [...network.variables]);
          network.jets(input, order);
        });
      };
      try {
        step();
        const afterFirst = memory().numTensors;
        for (let i = 0; i < 3; i++) step();
        const growth = memory().numTensors - afterFirst;
        if (growth !== 0) throw new Error(`${name}: ${growth} tensors leaked over 3 calls of jets and their gradients inside tidy`);
      } finally {
        input.dispose();
        network.dispose();
      }
      const left = memory().numTensors - before;
      if (left !== 0) throw new Error(`${name}: ${left} tensors remain after dispose(): it must free the variables and any constants the network owns`);
    }),

    check('jetsWithVjp, when offered, gives the same jets and the vector–Jacobian product of tfjs autodiff', async () => {
      const ts = gridPoints(8);
      await withNetwork((network) => {
        if (network.jetsWithVjp === undefined) return;
        if (typeof network.jetsWithVjp !== 'function') throw new Error(`${name}: jetsWithVjp must be a function or absent`);
        const pick = random(202);
        tidy(() => {
          const input = inputMatrix(ts);
          // The order-1 cotangent is left out (when order ≥ 1) to check that a missing order counts as zero.
          const cotangents = Array.from({ length: order + 1 }, (_, k) =>
            k === 1
              ? undefined
              : tensor2d(
                  Float32Array.from({ length: ts.length * outputs }, () => 2 * pick.uniform() - 1),
                  [ts.length, outputs],
                ),
          );
          const fast = network.jetsWithVjp!(input, order);
          const plain = network.jets(input, order);
          plain.forEach((jet, k) => {
            const expected = jet.dataSync();
            const got = fast.jets[k]?.dataSync();
            const scale = maxAbs(expected);
            if (
              got === undefined ||
              got.length !== expected.length ||
              got.some((value, i) => Math.abs(value - expected[i]!) > 1e-5 * tolerance * (scale + 1e-30))
            ) {
              throw new Error(`${name}: jetsWithVjp's jet of order ${k} differs from jets()`);
            }
          });
          const gradients = fast.vjp(cotangents);
          const { grads } = variableGrads(() => {
            const jets = network.jets(input, order);
            return addN(jets.flatMap((jet, k) => (cotangents[k] === undefined ? [] : [sum<Scalar>(mul(jet, cotangents[k]!))])));
          }, [...network.variables]);
          const expected = network.variables.map((variable) => grads[variable.name]?.dataSync() ?? new Float32Array(variable.size));
          const scale = Math.max(...expected.map(maxAbs));
          if (gradients.length !== network.variables.length) {
            throw new Error(`${name}: vjp returned ${gradients.length} gradients for ${network.variables.length} variables`);
          }
          gradients.forEach((gradient: Tensor, v) => {
            const got = gradient.dataSync();
            const want = expected[v]!;
            const worst = got.length === want.length ? maxAbs(got.map((value, i) => value - want[i]!)) : Number.POSITIVE_INFINITY;
            if (!(worst <= 1e-4 * tolerance * (scale + 1e-30))) {
              throw new Error(`${name}: vjp's gradient of variable ${v} differs from tfjs autodiff by ${format(worst)} (gradient scale ${format(scale)})`);
            }
          });
        });
      });
    }),
    ...float64PathChecks({ name, inputs, outputs, order, tolerance, check, withNetwork, evaluate, gridPoints, random }),
  );
  return checks;
}
