import type { NetworkV1, Problem } from '@quadrant/spec';
import { mean, type Scalar, scalar, sqrt, square, type Tensor2D, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import { equationResiduals } from './equation-residuals.ts';

/** A trained network with what it takes to use it: predictions and equation residuals on any points. */
export interface TrainedModel {
  /** The network (for an exact initial condition, the trial solution wrapping it). */
  readonly network: NetworkV1;
  /** Unknown names in output-column order. */
  readonly unknowns: string[];
  readonly problem: Problem;
  readonly settings: TrainingSettings;
  /** Parameter values the model was trained with (learned ones at their learned values). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Each unknown's predicted value at the points `t` ([N] each). */
  predict(t: Float64Array): Record<string, Float64Array>;
  /**
   * The equation residual per point: √(mean over equations of r_j²), where
   * r_j = u_j^(m_j) − f_j(t, u, …) with the model's parameter values ([N]).
   */
  residual(t: Float64Array): Float64Array;
  /** Frees the network's variables. */
  dispose(): void;
}

/** Wraps a built network into a TrainedModel. */
export function createTrainedModel(parts: {
  network: NetworkV1;
  problem: Problem;
  settings: TrainingSettings;
  parameters: Readonly<Record<string, number>>;
}): TrainedModel {
  const { network, problem } = parts;
  const unknowns = problem.unknowns.map((unknown) => unknown.name);
  const residuals = equationResiduals(problem, network);
  const column = (t: Float64Array): Tensor2D => tensor2d(Float32Array.from(t), [t.length, 1]);
  return {
    network,
    unknowns,
    problem,
    settings: parts.settings,
    parameters: parts.parameters,
    predict(t) {
      const values = tidy(() => network.jets(column(t), 0)[0]!.dataSync());
      const result: Record<string, Float64Array> = {};
      unknowns.forEach((name, j) => {
        result[name] = Float64Array.from({ length: t.length }, (_, i) => values[i * unknowns.length + j]!);
      });
      return result;
    },
    residual(t) {
      return Float64Array.from(
        tidy(() => {
          const parameters: Record<string, Scalar> = {};
          for (const [name, value] of Object.entries(parts.parameters)) parameters[name] = scalar(value);
          return sqrt(mean(square(residuals(column(t), parameters)), 1)).dataSync();
        }),
      );
    },
    dispose() {
      network.dispose();
    },
  };
}
