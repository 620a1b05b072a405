import { type BundleTraining, bundleErrors, bundleBox, fitBundleParameters, nominalPoint, type Registry, trainBundle } from '@quadrant/train';
import { type BundleFigures, type CellResult, toMeasured } from '../results/cell-result.ts';
import { type Observations, observeReference } from './observe-reference.ts';
import type { NetworkCell } from './run-cell.ts';

/** Values per range at which a bundle is scored against the reference solver. */
export const bundleScorePoints = 11;

/** What a bundle cell adds to, or changes in, a cell's result. */
export interface BundleCellOutcome {
  readonly prediction: Record<string, Float64Array>;
  readonly training: BundleTraining;
  readonly trainingSeconds: number;
  readonly bundle: BundleFigures;
  readonly learnedParameters: CellResult['learnedParameters'];
  readonly observations: Observations | undefined;
}

/** Whether a prepared network cell trains a bundle: its problem has ranges. */
export const isBundleCell = (cell: NetworkCell): boolean => bundleBox(cell.problem).length > 0;

/**
 * Trains a bundle cell (`trainBundle`), scores it against the reference at each θ of a grid
 * of {@link bundleScorePoints} values per range, fits its learned parameters (if any) through
 * the frozen bundle to the problem's data or samples of the reference, and predicts at the
 * problem's nominal values on `grid`, so the usual figures and pictures describe that θ.
 * @param reference - the reference at the nominal values on `grid`, for drawing observations
 */
export async function runBundleCell(
  cell: NetworkCell,
  registry: Registry,
  grid: Float64Array,
  reference: Observations,
  onTrained?: (training: BundleTraining) => Promise<void> | void,
): Promise<BundleCellOutcome> {
  const { problem, spec } = cell;
  const started = performance.now();
  const training = await trainBundle(problem, cell.settings, registry);
  const trainingSeconds = (performance.now() - started) / 1000;
  const { model } = training;
  try {
    await onTrained?.(training);
    const [start, end] = problem.domain;
    const errors = bundleErrors(
      model,
      grid.filter((t) => t >= start && t <= end),
      bundleScorePoints,
    );
    const learned = Object.entries(problem.parameters).filter(([, parameter]) => parameter.learn);
    let learnedParameters: CellResult['learnedParameters'];
    let observations: Observations | undefined;
    let fitSeconds: number | undefined;
    if (learned.length > 0) {
      observations = observeReference(problem, spec.observations, spec.seed, reference);
      const fitStarted = performance.now();
      const fit = fitBundleParameters(model, observations);
      fitSeconds = (performance.now() - fitStarted) / 1000;
      learnedParameters = Object.fromEntries(
        Object.entries(fit.values).map(([name, value]) => {
          const truth = problem.parameters[name]!.value;
          return [name, truth === undefined ? { value } : { value, truth }];
        }),
      );
    }
    const bundle: BundleFigures = {
      box: model.box.map((axis) => ({ ...axis, range: [axis.range[0], axis.range[1]] })),
      points: errors.points.map((point) => ({ theta: [...point.theta], relativeL2: toMeasured(point.relativeL2) })),
      worst: toMeasured(errors.worst),
      median: toMeasured(errors.median),
      worstAt: [...errors.worstAt],
      ...(fitSeconds === undefined ? {} : { fitSeconds }),
    };
    return {
      prediction: model.predict(grid, nominalPoint(problem, model.box)),
      training,
      trainingSeconds,
      bundle,
      learnedParameters,
      observations,
    };
  } finally {
    model.dispose();
  }
}
