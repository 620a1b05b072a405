import type { LossStepV1, LossTermInstanceV1, NetworkV1 } from '@quadrant/spec';
import {
  add,
  concat,
  engine,
  keep,
  mul,
  type Scalar,
  slice,
  stack,
  type Tensor,
  type Tensor1D,
  type Tensor2D,
  tidy,
  type Variable,
  zerosLike,
} from '@tensorflow/tfjs-core';

/** A loss term of a run with its weight. */
export interface WeightedTerm {
  readonly name: string;
  readonly weight: number;
  readonly instance: LossTermInstanceV1;
}

/** One evaluation: the weighted total, its gradients (in the trainables' order) and each term's unweighted value. */
export interface LossEvaluation {
  readonly value: Scalar;
  readonly grads: Tensor[];
  /** [terms], kept out of every tidy: the caller disposes it. */
  readonly terms: Tensor1D;
}

/** Where jets were asked for: the step's collocation points, or a tensor a term owns (t0, data points). */
type JetKey = 'collocation' | Tensor2D;

/**
 * Evaluates Σ weight·term (the weights `weights` gives for this evaluation, or the terms' own;
 * a term of weight 0 is evaluated but left out of the sum and its gradient) and its gradients with respect to `trainables` (the network's
 * variables first, then learnable parameters). Jets are memoised per input tensor, so terms
 * asking for the same points share one forward pass.
 *
 * When the network offers `jetsWithVjp`, inputs seen in earlier steps get their jets from it
 * before the tape starts, the tape differentiates the terms with respect to those jets only,
 * and the network's hand-written backward turns these cotangents into weight gradients: no
 * transposed matMuls, several times faster on wasm. All such inputs (the collocation points,
 * t0 of an initial condition, data points) go through one call, stacked row-wise: on wasm a
 * second forward and backward for one point costs dozens of tiny kernels, slices of the
 * stacked jets a few. A request not seen before takes the plain path (the network's `jets` on
 * the tape) and is planned for the next step.
 */
export function createLossEvaluator(network: NetworkV1, terms: readonly WeightedTerm[], trainables: readonly Variable[], parameters: LossStepV1['parameters']) {
  const fast = network.jetsWithVjp !== undefined;
  const plan = new Map<JetKey, number>();
  return (collocation: Tensor2D, epoch: number, weights: readonly number[] = terms.map((term) => term.weight)): LossEvaluation => {
    let termValues: Tensor1D | undefined;
    const result = tidy(() => {
      // Every planned input in one forward and one backward: the inputs stacked row-wise, each
      // term's jets sliced off on the tape (so the cotangents land on the stacked jets).
      const keys = [...plan.keys()];
      const inputs = keys.map((key) => (key === 'collocation' ? collocation : key));
      const stacked = inputs.length === 0 ? undefined : network.jetsWithVjp!(inputs.length === 1 ? inputs[0]! : concat(inputs, 0), Math.max(...plan.values()));
      const plannedJets = stacked?.jets ?? [];
      const rowsOf = new Map<JetKey, { readonly begin: number; readonly rows: number }>();
      let begin = 0;
      keys.forEach((key, i) => {
        rowsOf.set(key, { begin, rows: inputs[i]!.shape[0] });
        begin += inputs[i]!.shape[0];
      });
      const xs: Tensor[] = [...plannedJets, ...trainables];
      const { value, grads } = engine().gradients(
        () => {
          const memo = new Map<Tensor2D, Tensor2D[]>();
          const step: LossStepV1 = {
            epoch,
            collocation,
            parameters,
            jets(input, order) {
              const key: JetKey = input === collocation ? 'collocation' : input;
              const rows = rowsOf.get(key);
              if (rows !== undefined && plannedJets.length > order) {
                const own = plannedJets.slice(0, order + 1);
                return keys.length === 1 ? own : own.map((jet) => slice(jet, [rows.begin, 0], [rows.rows, jet.shape[1]]));
              }
              const known = memo.get(input);
              if (known !== undefined && known.length > order) return known.slice(0, order + 1);
              const jets = network.jets(input, order);
              memo.set(input, jets);
              if (fast) plan.set(key, Math.max(plan.get(key) ?? 0, order));
              return jets;
            },
          };
          const values = terms.map((term) => term.instance.evaluate(step));
          termValues = keep(stack(values) as Tensor1D);
          const weighted = values.flatMap((each, i) => (weights[i] === 1 ? [each] : weights[i] === 0 ? [] : [mul<Scalar>(each, weights[i]!)]));
          return weighted.length === 0 ? mul<Scalar>(values[0]!, 0) : weighted.reduce((sum, each) => add<Scalar>(sum, each));
        },
        xs,
        undefined,
        true,
      );
      const trainableGrads: (Tensor | undefined)[] = grads.slice(plannedJets.length);
      // The planned inputs' cotangents go through the network's own backward.
      const cotangents = grads.slice(0, plannedJets.length) as (Tensor2D | undefined)[];
      if (stacked !== undefined && cotangents.some((each) => each !== undefined)) {
        stacked.vjp(cotangents).forEach((gradient, i) => {
          trainableGrads[i] = trainableGrads[i] === undefined ? gradient : add(trainableGrads[i]!, gradient);
        });
      }
      return {
        value: value as Scalar,
        grads: trainables.map((variable, i) => trainableGrads[i] ?? zerosLike(variable)),
      };
    });
    return { ...result, terms: termValues! };
  };
}
