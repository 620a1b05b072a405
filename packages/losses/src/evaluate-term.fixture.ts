import type { LossContextV1, LossTermV1, NetworkV1 } from '@quadrant/spec';
import { type Scalar, scalar, type Tensor2D, tensor2d, tidy, type Variable, variable, variableGrads } from '@tensorflow/tfjs-core';
import { testStep } from './test-step.fixture.ts';

/** What one evaluation of a term gave. */
export interface TermEvaluation {
  readonly order: number;
  readonly value: number;
  /** d value / d parameter for each learnable parameter, by name. */
  readonly parameterGradients: Readonly<Record<string, number>>;
  /** d value / d variable for each network variable, flattened. */
  readonly networkGradients: readonly Float64Array[];
  /** The jets requests the term made. */
  readonly requests: readonly { readonly rows: number; readonly order: number; readonly collocation: boolean }[];
}

/**
 * Test fixture: creates `term` for `context`, evaluates it once on `network` at the collocation
 * points `t` with gradients, and frees everything. Parameters take `values[name]` if given, else
 * their guess when learnable or their value when known; learnable ones are trainable variables.
 * `options` go through the term's own schema.
 */
export function evaluateTerm(
  term: LossTermV1,
  context: LossContextV1,
  network: NetworkV1,
  t: readonly number[],
  values: Readonly<Record<string, number>> = {},
  options: object = {},
): TermEvaluation {
  const instance = term.create(context, term.options.parse(options));
  const learnable = new Map<string, Variable>();
  const parameters: Record<string, Scalar> = {};
  for (const [name, declared] of Object.entries(context.problem.parameters)) {
    const value = values[name] ?? (declared.learn ? declared.guess : declared.value!);
    if (declared.learn) {
      const trainable = tidy(() => variable(scalar(value), true));
      learnable.set(name, trainable);
      parameters[name] = trainable;
    } else parameters[name] = scalar(value);
  }
  const collocation: Tensor2D = tensor2d([...t], [t.length, 1]);
  try {
    let evaluation: TermEvaluation | undefined;
    tidy(() => {
      const step = testStep(network, collocation, parameters);
      const { value, grads } = variableGrads(() => instance.evaluate(step), [...network.variables, ...learnable.values()]);
      evaluation = {
        order: instance.order,
        value: value.dataSync()[0]!,
        parameterGradients: Object.fromEntries([...learnable].map(([name, each]) => [name, grads[each.name]?.dataSync()[0] ?? 0])),
        networkGradients: network.variables.map((each) => Float64Array.from(grads[each.name]?.dataSync() ?? new Float32Array(each.size))),
        requests: step.requests,
      };
    });
    return evaluation!;
  } finally {
    instance.dispose();
    collocation.dispose();
    for (const value of Object.values(parameters)) value.dispose();
  }
}
