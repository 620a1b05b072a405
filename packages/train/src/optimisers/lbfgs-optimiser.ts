import { defineOptimiser, type OptimiserInstanceV1, QuadrantError } from '@quadrant/spec';
import { tensor, tidy, type Variable } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { readOptimiserState } from './optimiser-state.ts';
import { strongWolfe } from './strong-wolfe.ts';

/** Options of `lbfgs`. */
export const lbfgsOptimiserOptions = z.strictObject({
  /** Curvature pairs kept. */
  history: z.int().min(1).max(100).default(20),
  /** Step length tried first (after the first iteration, whose step is scaled by the gradient). */
  learningRate: z.number().positive().default(1),
  /** Iterations per `step` call (each with its own line search). */
  iterations: z.int().positive().default(1),
  /** Converged when the largest gradient component falls below this. */
  toleranceGradient: z.number().nonnegative().default(1e-7),
  /**
   * Converged when an iteration changes the loss by less than this share of it, no parameter by
   * more than this, or the search direction's slope is above −this share of the loss.
   */
  toleranceChange: z.number().nonnegative().default(1e-9),
  /** Loss evaluations allowed in one line search. */
  lineSearchEvaluations: z.int().positive().default(25),
  /**
   * Times the curvature history may be dropped and the search restarted from steepest descent
   * when an iteration makes no progress (no descent direction, or a step below `toleranceChange`),
   * before that counts as converged. In float32 the history goes stale on ill-conditioned losses
   * (equation residuals over long domains) well before a minimum; a fresh start keeps descending.
   */
  restarts: z.int().nonnegative().default(0),
  /**
   * Relative resolution of the loss: the line search counts values within `lossResolution·|loss|`
   * of each other as equal and decides by the slope. float32 losses of residuals that are
   * differences of O(1) terms are jagged at ~1e-9 absolute, so near a minimum of an
   * ill-conditioned loss every trial looks worse while the slope still points downhill.
   */
  lossResolution: z.number().nonnegative().default(0),
});

/** Layout of lbfgs's saved state: the curvature pairs (s, y, ρ), the scaling, the last step and gradient, restarts left and convergence. */
const lbfgsState = z.strictObject({
  steps: z.array(z.array(z.number())),
  differences: z.array(z.array(z.number())),
  rho: z.array(z.number()),
  scaling: z.number(),
  previousGradient: z.array(z.number()).nullable(),
  previousStep: z.array(z.number()).nullable(),
  restartsLeft: z.int().nonnegative(),
  converged: z.string().nullable(),
});
const lbfgsStateVersion = 1;

const dot = (a: Float64Array, b: Float64Array): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};
const largest = (a: Float64Array): number => {
  let value = 0;
  for (const each of a) value = Math.max(value, Math.abs(each));
  return value;
};

/**
 * Limited-memory BFGS with a strong Wolfe line search (Nocedal and Wright, algorithm 7.4;
 * the same iteration as PyTorch's `torch.optim.LBFGS` with `line_search_fn='strong_wolfe'`).
 * It works on the parameters flattened into one float64 vector: the two-loop recursion and
 * line search run in plain numbers, and the closure is evaluated once per line-search trial.
 * Converges (and then leaves the parameters alone) when the gradient's largest component is
 * below `toleranceGradient`, or the relative loss change, the relative slope or the step below
 * `toleranceChange`. Options: `history` (20), `learningRate` (1), `iterations` per step (1), `toleranceGradient` (1e-7),
 * `toleranceChange` (1e-9), `lineSearchEvaluations` (25), `restarts` (0), `lossResolution` (0).
 * Its state (version 1): the curvature history (s, y, ρ) with its scaling, the last step and
 * gradient, the restarts left and whether it has converged, all in float64, so a restored
 * L-BFGS continues exactly.
 */
export const lbfgsOptimiser = defineOptimiser({
  name: 'lbfgs',
  description: 'limited-memory BFGS with a strong Wolfe line search',
  options: lbfgsOptimiserOptions,
  create(variables, options): OptimiserInstanceV1 {
    const sizes = variables.map((each) => each.size);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const read = (): Float64Array => {
      const flat = new Float64Array(total);
      let offset = 0;
      for (const each of variables) {
        flat.set(each.dataSync(), offset);
        offset += each.size;
      }
      return flat;
    };
    const write = (flat: Float64Array): void => {
      tidy(() => {
        let offset = 0;
        variables.forEach((each: Variable) => {
          each.assign(tensor(Float32Array.from(flat.subarray(offset, offset + each.size)), each.shape));
          offset += each.size;
        });
      });
    };
    const steps: Float64Array[] = [];
    const differences: Float64Array[] = [];
    const rho: number[] = [];
    let scaling = 1;
    let previousGradient: Float64Array | undefined;
    let previousStep: Float64Array | undefined;
    let converged: string | undefined;
    let restartsLeft = options.restarts;
    // A stall with a history drops it and goes on from steepest descent, while restarts are left.
    const stall = (why: string): void => {
      if (steps.length === 0 || restartsLeft === 0) {
        converged = why;
        return;
      }
      restartsLeft--;
      steps.length = 0;
      differences.length = 0;
      rho.length = 0;
      scaling = 1;
      previousGradient = undefined;
      previousStep = undefined;
    };

    return {
      get converged() {
        return converged;
      },
      step(closure) {
        // The loss before the step is returned as the closure's own scalar; the rest is read as numbers.
        const first = closure();
        const value = first.value;
        const evaluate = (): { value: number; gradient: Float64Array } => {
          const { value: loss, grads } = closure();
          const result = { value: loss.dataSync()[0]!, gradient: flatten(grads) };
          loss.dispose();
          for (const each of grads) each.dispose();
          return result;
        };
        const flatten = (grads: readonly { dataSync(): ArrayLike<number> }[]): Float64Array => {
          const flat = new Float64Array(total);
          let offset = 0;
          grads.forEach((each, i) => {
            flat.set(each.dataSync(), offset);
            offset += sizes[i]!;
          });
          return flat;
        };
        let loss = value.dataSync()[0]!;
        let gradient = flatten(first.grads);
        for (const each of first.grads) each.dispose();
        if (converged !== undefined || !Number.isFinite(loss)) return value;
        if (largest(gradient) <= options.toleranceGradient) {
          converged = `gradient below ${options.toleranceGradient}`;
          return value;
        }
        let x = read();
        for (let iteration = 0; iteration < options.iterations; iteration++) {
          if (previousGradient !== undefined && previousStep !== undefined) {
            const difference = gradient.map((each, i) => each - previousGradient![i]!);
            const curvature = dot(difference, previousStep);
            // Only pairs of positive curvature keep the inverse-Hessian estimate positive definite.
            if (curvature > 1e-10) {
              if (steps.length === options.history) {
                steps.shift();
                differences.shift();
                rho.shift();
              }
              steps.push(previousStep);
              differences.push(difference);
              rho.push(1 / curvature);
              scaling = curvature / dot(difference, difference);
            }
          }
          // Two-loop recursion: direction = −H·gradient.
          const direction = gradient.map((each) => -each);
          const alpha = new Float64Array(steps.length);
          for (let i = steps.length - 1; i >= 0; i--) {
            alpha[i] = dot(steps[i]!, direction) * rho[i]!;
            const difference = differences[i]!;
            for (let j = 0; j < total; j++) direction[j]! -= alpha[i]! * difference[j]!;
          }
          for (let j = 0; j < total; j++) direction[j]! *= scaling;
          for (let i = 0; i < steps.length; i++) {
            const beta = dot(differences[i]!, direction) * rho[i]!;
            const step = steps[i]!;
            for (let j = 0; j < total; j++) direction[j]! += step[j]! * (alpha[i]! - beta);
          }
          const slope = dot(gradient, direction);
          // Relative to the loss: near a small minimum every slope is small, and an absolute bound
          // stops the search while it still descends (exponential-decay, seeds 0–4: worst
          // relative L2 1.2e-3 → 6.1e-4).
          if (slope > -options.toleranceChange * Math.abs(loss)) {
            stall(`no descent direction (slope ${slope.toExponential(2)})`);
            break;
          }
          let absoluteSum = 0;
          for (const each of gradient) absoluteSum += Math.abs(each);
          const initialStep = previousGradient === undefined ? Math.min(1, 1 / absoluteSum) * options.learningRate : options.learningRate;
          const origin = x;
          const trial = new Float64Array(total);
          const search = strongWolfe(
            (t) => {
              for (let j = 0; j < total; j++) trial[j] = origin[j]! + t * direction[j]!;
              write(trial);
              return evaluate();
            },
            direction,
            { value: loss, gradient, slope },
            initialStep,
            { toleranceChange: options.toleranceChange, maxEvaluations: options.lineSearchEvaluations, noise: options.lossResolution * Math.abs(loss) },
          );
          const step = direction.map((each) => each * search.t);
          x = origin.map((each, j) => each + step[j]!);
          write(x);
          previousGradient = gradient;
          previousStep = step;
          const change = Math.abs(search.value - loss);
          loss = search.value;
          gradient = search.gradient;
          if (largest(gradient) <= options.toleranceGradient) converged = `gradient below ${options.toleranceGradient}`;
          else if (largest(step) <= options.toleranceChange) stall(`step below ${options.toleranceChange}`);
          else if (change <= options.toleranceChange * Math.abs(loss)) stall(`relative loss change below ${options.toleranceChange}`);
          if (converged !== undefined || previousStep === undefined) break;
        }
        return value;
      },
      state() {
        const plain = (values: Float64Array | undefined) => (values === undefined ? null : Array.from(values));
        return {
          optimiser: 'lbfgs',
          version: lbfgsStateVersion,
          data: {
            steps: steps.map((each) => Array.from(each)),
            differences: differences.map((each) => Array.from(each)),
            rho: [...rho],
            scaling,
            previousGradient: plain(previousGradient),
            previousStep: plain(previousStep),
            restartsLeft,
            converged: converged ?? null,
          },
        };
      },
      restore(state) {
        const saved = readOptimiserState(state, 'lbfgs', lbfgsStateVersion, lbfgsState);
        const vectors = [
          ...saved.steps,
          ...saved.differences,
          ...(saved.previousGradient === null ? [] : [saved.previousGradient]),
          ...(saved.previousStep === null ? [] : [saved.previousStep]),
        ];
        const misfit = vectors.find((each) => each.length !== total);
        if (misfit !== undefined)
          throw new QuadrantError('ARTEFACT_INVALID', `lbfgs state: a saved vector has ${misfit.length} values, and the optimised variables have ${total}`);
        if (saved.differences.length !== saved.steps.length || saved.rho.length !== saved.steps.length) {
          throw new QuadrantError(
            'ARTEFACT_INVALID',
            `lbfgs state: ${saved.steps.length} steps, ${saved.differences.length} differences and ${saved.rho.length} rho saved; the curvature pairs need one of each`,
          );
        }
        // A history saved with a longer `history` option keeps its newest pairs.
        const from = Math.max(0, saved.steps.length - options.history);
        steps.splice(0, steps.length, ...saved.steps.slice(from).map((each) => Float64Array.from(each)));
        differences.splice(0, differences.length, ...saved.differences.slice(from).map((each) => Float64Array.from(each)));
        rho.splice(0, rho.length, ...saved.rho.slice(from));
        scaling = saved.scaling;
        previousGradient = saved.previousGradient === null ? undefined : Float64Array.from(saved.previousGradient);
        previousStep = saved.previousStep === null ? undefined : Float64Array.from(saved.previousStep);
        restartsLeft = saved.restartsLeft;
        converged = saved.converged ?? undefined;
      },
      dispose() {},
    };
  },
});
