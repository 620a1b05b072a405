import { compileProblem } from '@quadrant/equations';
import type { NetworkV1, Problem } from '@quadrant/spec';
import { dispose, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import { equationEvaluator, stateSlots } from './solution-state.ts';
import type { TrainingCheckpoint } from './training-checkpoint.ts';

/**
 * One network of a model and the interval it was trained on. A model trained on the whole
 * domain has one piece; time marching gives one per window, each meeting the previous one's
 * end values (and derivatives below each equation's order) exactly at its start.
 */
export interface ModelPiece {
  /** The window [start, end] of the independent variable the piece was trained on. */
  readonly start: number;
  readonly end: number;
  /** Initial values at `start` the piece's trial solution meets: for each unknown, [u, u', …, u^(order−1)]. */
  readonly initial: Readonly<Record<string, readonly number[]>>;
  /** The piece's network (for an exact initial condition, the trial solution wrapping it). */
  readonly network: NetworkV1;
}

/** A trained model with what it takes to use it: predictions, jets and equation residuals on any points. */
export interface TrainedModel {
  /** Its networks in order of t; the first starts at the domain's start, each next one where the previous ends. */
  readonly pieces: readonly ModelPiece[];
  /** Unknown names in output-column order. */
  readonly unknowns: string[];
  readonly problem: Problem;
  readonly settings: TrainingSettings;
  /** Parameter values the model was trained with (learned ones at their learned values). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Where its training stood, to continue it exactly (absent for a marched or diverged run and for files before format 4). */
  readonly checkpoint?: TrainingCheckpoint;
  /**
   * The model's jets at the points `t` up to `order`, laid out as `Float64JetsV1.jets`
   * (`result[k][i * unknowns + j]`): each point is evaluated by the piece whose window holds
   * it (before the first window, the first piece; past the last, the last), in float64 where
   * the piece's network has a float64 path and in tfjs otherwise.
   */
  jets(t: Float64Array, order: number): Float64Array[];
  /** Each unknown's predicted value at the points `t` ([N] each). */
  predict(t: Float64Array): Record<string, Float64Array>;
  /**
   * The equation residual per point: √(mean over equations of r_j²), where
   * r_j = u_j^(m_j) − f_j(t, u, …) with the model's parameter values ([N]), in float64.
   */
  residual(t: Float64Array): Float64Array;
  /** Frees every piece's network. */
  dispose(): void;
}

/**
 * The jets of one network at points `t`, in the layout of `Float64JetsV1.jets`: from its
 * float64 path at its current parameters where it has one, else from its tfjs jets.
 */
export function networkJets(network: NetworkV1, t: Float64Array, order: number): Float64Array[] {
  const path = network.float64;
  if (path !== undefined) return [...path.jets(path.read(), t, order, false).jets];
  const jets = tidy(() => network.jets(tensor2d(Float32Array.from(t), [t.length, 1]), order));
  const values = jets.map((jet) => Float64Array.from(jet.dataSync()));
  dispose(jets);
  return values;
}

/** The index of the piece whose window holds t: the last one starting at or before it (the first for earlier t). */
export function pieceIndex(pieces: readonly ModelPiece[], t: number): number {
  let index = 0;
  while (index + 1 < pieces.length && pieces[index + 1]!.start <= t) index++;
  return index;
}

/** Wraps trained networks (one per window of t) into a TrainedModel. */
export function createTrainedModel(parts: {
  pieces: readonly ModelPiece[];
  problem: Problem;
  settings: TrainingSettings;
  parameters: Readonly<Record<string, number>>;
  checkpoint?: TrainingCheckpoint;
}): TrainedModel {
  const { pieces, problem } = parts;
  const unknowns = problem.unknowns.map((unknown) => unknown.name);
  const outputs = unknowns.length;
  const slots = stateSlots(problem);
  let system: ReturnType<typeof compileProblem>['system'] | undefined;
  const jets = (t: Float64Array, order: number): Float64Array[] => {
    const result = Array.from({ length: order + 1 }, () => new Float64Array(t.length * outputs));
    const members = pieces.map(() => [] as number[]);
    t.forEach((each, i) => {
      members[pieceIndex(pieces, each)]!.push(i);
    });
    members.forEach((indices, p) => {
      if (indices.length === 0) return;
      const values = networkJets(
        pieces[p]!.network,
        Float64Array.from(indices, (i) => t[i]!),
        order,
      );
      indices.forEach((i, row) => {
        for (let k = 0; k <= order; k++) result[k]!.set(values[k]!.subarray(row * outputs, (row + 1) * outputs), i * outputs);
      });
    });
    return result;
  };
  return {
    pieces,
    unknowns,
    problem,
    settings: parts.settings,
    parameters: parts.parameters,
    ...(parts.checkpoint === undefined ? {} : { checkpoint: parts.checkpoint }),
    jets,
    predict(t) {
      const [values] = jets(t, 0) as [Float64Array];
      return Object.fromEntries(unknowns.map((name, j) => [name, Float64Array.from({ length: t.length }, (_, i) => values[i * outputs + j]!)]));
    },
    residual(t) {
      system ??= compileProblem(problem, parts.parameters).system;
      const order = Math.max(...slots.map((slot) => slot.order));
      const values = jets(t, order);
      const equations = equationEvaluator(system, slots);
      return Float64Array.from(t, (each, i) => {
        equations.at(each, values, i, outputs);
        return Math.sqrt(equations.residual.reduce((total, r) => total + r * r, 0) / slots.length);
      });
    },
    dispose() {
      for (const piece of pieces) piece.network.dispose();
    },
  };
}
