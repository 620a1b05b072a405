import { compileProblem } from '@quadrant/equations';
import { errorFigures, residualRms } from '@quadrant/metrics';
import { solveProblem } from '@quadrant/solvers';
import { formatZodError, type Problem, QuadrantError } from '@quadrant/spec';
import {
  type BundleTraining,
  bundleBox,
  checkBundleSettings,
  type Registry,
  resolveSettings,
  type TrainedModel,
  type TrainingCallbacks,
  type TrainingResult,
  type TrainingSettings,
  train,
} from '@quadrant/train';
import { type BundleFigures, type CellResult, type CellVerdict, type ErrorFigures, type GridValues, type Method, toMeasured } from '../results/cell-result.ts';
import { isBundleCell, runBundleCell } from './run-bundle-cell.ts';
import { type CellSpec, cellId, networkMethods } from './cell-spec.ts';
import { evenlySpaced } from './evenly-spaced.ts';
import { type Observations, observeReference } from './observe-reference.ts';
import { cachedReference } from './reference-cache.ts';

/** What a cell run reports while it trains (for progress bars) and hands over when trained. */
export interface CellHooks {
  onProgress?(fraction: number): void;
  /** Called with the trained network before it is disposed (to save it). */
  onTrained?(result: TrainingResult): Promise<void> | void;
  /** Called with a trained bundle (a problem with ranges) before it is disposed (to save it). */
  onTrainedBundle?(training: BundleTraining): Promise<void> | void;
  /** A trained model to continue from (`quadrant run --resume`). */
  readonly initialModel?: TrainedModel;
  /** Aborting ends training after the current epoch; the caller discards the result. */
  readonly signal?: AbortSignal;
  /** After every epoch (live loss charts); returning `'stop'` ends the run as `train`'s callback does. */
  onEpoch?: TrainingCallbacks['onEpoch'];
  /** Versions recorded in the result (`packageVersions()` in Node, where the CLI reads them from the installed packages). */
  readonly versions: Readonly<Record<string, string>>;
}

/** What every prepared cell has: its spec with the problem resolved, and its id. */
interface PreparedCellBase {
  readonly spec: CellSpec;
  readonly problem: Problem;
  readonly id: string;
}

/** A cell of a network method (data-only, PINN, DE solver): trained with fully resolved settings. */
export interface NetworkCell extends PreparedCellBase {
  readonly kind: 'network';
  readonly settings: TrainingSettings;
}

/** A cell of a classical solver (odex, rodas, RK4, Euler): solved with the options given, checked by the solver's schema. */
export interface SolverCell extends PreparedCellBase {
  readonly kind: 'solver';
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A cell ready to run: its spec with the problem resolved and the settings fully resolved. */
export type PreparedCell = NetworkCell | SolverCell;

/**
 * Resolves a cell's settings against its method's preset (or its solver's option schema)
 * and computes its id; everything a user can get wrong fails here, before any training.
 * @throws QuadrantError `CONFIG_INVALID`, `OPTIONS_INVALID`, `NO_SUCH_ENTRY`
 */
export function prepareCell(spec: CellSpec, problem: Problem, registry: Registry): PreparedCell {
  const problemFingerprint = {
    name: problem.name,
    equations: problem.equations,
    initial: problem.initial,
    domain: problem.domain,
    parameters: problem.parameters,
    data: problem.data ?? null,
  };
  const idOf = (settings: unknown) =>
    cellId({
      problem: problemFingerprint,
      method: spec.method,
      preset: spec.preset ?? null,
      settings,
      seed: spec.seed,
      observations: networkMethods.has(spec.method) && spec.method !== 'solver' ? spec.observations : null,
      evaluationPoints: spec.evaluationPoints,
    });
  if (networkMethods.has(spec.method)) {
    // resolveSettings also looks up every entry it names (architecture, losses, sampler, optimisers).
    const settings = resolveSettings(
      spec.preset ?? spec.method,
      { ...spec.settings, seed: spec.seed },
      registry,
      `${spec.suite}: ${spec.problem} × ${spec.method}`,
    );
    if (bundleBox(problem).length > 0) checkBundleSettings(problem, settings, registry);
    return { kind: 'network', spec, problem, id: idOf(settings), settings };
  }
  const solver = registry.solver(spec.method);
  const parsed = solver.options.safeParse(spec.settings);
  if (!parsed.success)
    throw new QuadrantError('OPTIONS_INVALID', formatZodError(`${spec.suite}: ${spec.problem} × ${spec.method}: solver options`, parsed.error, { all: true }));
  const settings = { ...spec.settings };
  return { kind: 'solver', spec, problem, id: idOf(settings), settings };
}

/**
 * Runs one prepared cell to a result record: solves the reference (odex, or rodas where odex
 * fails or exceeds its step budget, as on a stiff problem) on one grid over the training
 * domain and an extrapolation interval of the same length past it, trains the network (or
 * runs the classical solver), and measures both intervals. A run that diverges
 * or throws inside training is a result with status `diverged` or `failed`, never lost.
 */
export async function runCell(cell: PreparedCell, registry: Registry, hooks: CellHooks): Promise<CellResult> {
  const { spec, problem } = cell;
  const startedAt = new Date();
  const started = performance.now();
  const [start, end] = problem.domain;
  const extrapolationDomain: [number, number] = [end, end + (end - start)];
  const grid = evenlySpaced(start, extrapolationDomain[1], spec.evaluationPoints);
  const solvedReference = cachedReference(problem, grid);
  const reference = solvedReference.unknowns;
  const exactAt = compileProblem(problem).exact;
  const exact = exactAt === undefined ? undefined : exactValues(problem, grid, exactAt);

  let prediction: Record<string, Float64Array>;
  let outcome: Pick<CellResult, 'status' | 'epochs' | 'history'> & { reason?: string; backend: string; trainingSeconds: number };
  let residual: number | undefined;
  let learnedParameters: CellResult['learnedParameters'];
  let verdict: CellVerdict | undefined;
  let observations: Observations | undefined;
  let bundle: BundleFigures | undefined;
  if (cell.kind === 'network' && isBundleCell(cell)) {
    const outcomeOfBundle = await runBundleCell(cell, registry, grid, { t: grid, values: reference }, hooks.onTrainedBundle);
    const { training } = outcomeOfBundle;
    prediction = outcomeOfBundle.prediction;
    ({ bundle, learnedParameters, observations } = outcomeOfBundle);
    outcome = {
      status: training.status === 'diverged' ? 'diverged' : 'ok',
      ...(training.reason === undefined ? {} : { reason: training.reason }),
      epochs: training.iterations,
      history: measuredHistory(training.history),
      backend: 'float64',
      trainingSeconds: outcomeOfBundle.trainingSeconds,
    };
  } else if (cell.kind === 'network') {
    observations = spec.method === 'solver' ? undefined : observeReference(problem, spec.observations, spec.seed, { t: grid, values: reference });
    const trained = await trainNetwork(cell, registry, observations, hooks);
    if ('failure' in trained) {
      prediction = nanValues(problem, grid.length);
      outcome = {
        status: 'failed',
        reason: trained.failure,
        epochs: 0,
        history: { epoch: [], total: [], terms: {} },
        backend: trained.backend,
        trainingSeconds: 0,
      };
    } else {
      const result = trained.result;
      try {
        await hooks.onTrained?.(result);
        prediction = result.model.predict(grid);
        residual = residualRms(result.model.residual(grid.filter((t) => t <= end)));
      } finally {
        result.model.dispose();
      }
      outcome = {
        status: result.status === 'diverged' ? 'diverged' : 'ok',
        ...(result.reason === undefined ? {} : { reason: result.reason }),
        epochs: result.epochs,
        history: measuredHistory(result.history),
        backend: result.backend,
        trainingSeconds: result.seconds,
      };
      learnedParameters = learned(problem, result.learnedParameters);
      const judged = result.verdict;
      verdict = {
        status: judged.status,
        estimatedError: toMeasured(judged.estimatedError),
        tolerance: judged.tolerance,
        worstResidual: { ...judged.worstResidual, value: toMeasured(judged.worstResidual.value) },
      };
    }
  } else {
    const solveStarted = performance.now();
    try {
      prediction = solveProblem(problem, { grid, solver: registry.solver(spec.method), options: spec.settings }).unknowns;
      outcome = {
        status: 'ok',
        epochs: 0,
        history: { epoch: [], total: [], terms: {} },
        backend: 'float64',
        trainingSeconds: (performance.now() - solveStarted) / 1000,
      };
    } catch (error) {
      if (!QuadrantError.hasCode(error, 'SOLVER_FAILED')) throw error;
      prediction = nanValues(problem, grid.length);
      // A solver that blows up or whose step collapses failed numerically: a result, as a diverged network is.
      outcome = { status: 'diverged', reason: error.message, epochs: 0, history: { epoch: [], total: [], terms: {} }, backend: 'float64', trainingSeconds: 0 };
    }
  }

  const inDomain = grid.map((t) => (t <= end ? 1 : 0));
  const pastDomain = grid.map((t) => (t >= end ? 1 : 0));
  return {
    ...resultIdentity(cell),
    status: outcome.status,
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    ...(verdict === undefined ? {} : { verdict }),
    referenceSolver: solvedReference.solver,
    backend: outcome.backend,
    versions: { ...hooks.versions },
    startedAt: startedAt.toISOString(),
    seconds: { total: (performance.now() - started) / 1000, training: outcome.trainingSeconds },
    epochs: outcome.epochs,
    history: outcome.history,
    trainingDomain: [start, end],
    extrapolationDomain,
    metrics: {
      inDomain: pooledFigures(problem, prediction, reference, inDomain),
      extrapolation: pooledFigures(problem, prediction, reference, pastDomain),
      ...(residual === undefined ? {} : { residualRms: toMeasured(residual) }),
    },
    ...(bundle === undefined ? {} : { bundle }),
    ...(learnedParameters === undefined ? {} : { learnedParameters }),
    prediction: gridValues(grid, prediction),
    reference: gridValues(grid, reference),
    ...(exact === undefined ? {} : { exact: gridValues(grid, exact) }),
    ...(observations === undefined ? {} : { data: gridValues(observations.t, observations.values) }),
  };
}

/**
 * The fields of a cell's result record that say which cell it is (format, id, suite, problem,
 * method, preset, architecture, seed, settings): the same whether the cell ran or every
 * attempt at it crashed.
 */
export function resultIdentity(
  cell: PreparedCell,
): Pick<CellResult, 'format' | 'id' | 'suite' | 'problem' | 'problemDescription' | 'method' | 'preset' | 'architecture' | 'seed' | 'settings'> {
  const { spec, problem } = cell;
  return {
    format: 1,
    id: cell.id,
    suite: spec.suite,
    problem: problem.name,
    problemDescription: problem.description,
    method: spec.method as Method,
    ...(spec.preset === undefined || spec.preset === spec.method ? {} : { preset: spec.preset }),
    ...(cell.kind === 'network' ? { architecture: cell.settings.architecture.name } : {}),
    seed: spec.seed,
    settings: cell.settings,
  };
}

async function trainNetwork(
  cell: NetworkCell,
  registry: Registry,
  data: Observations | undefined,
  hooks: CellHooks,
): Promise<{ result: TrainingResult } | { failure: string; backend: string }> {
  try {
    const result = await train(cell.problem, cell.settings, {
      registry,
      ...(data === undefined ? {} : { data }),
      callbacks: {
        ...(hooks.onProgress === undefined ? {} : { onProgress: hooks.onProgress }),
        ...(hooks.onEpoch === undefined ? {} : { onEpoch: hooks.onEpoch }),
      },
      ...(hooks.initialModel === undefined ? {} : { initialModel: hooks.initialModel }),
      ...(hooks.signal === undefined ? {} : { signal: hooks.signal }),
    });
    return { result };
  } catch (error) {
    // Bad settings were refused by prepareCell; what reaches here is a failure of the run itself.
    if (QuadrantError.isInstance(error) && error.code !== 'SHAPE_MISMATCH') throw error;
    return { failure: error instanceof Error ? error.message : String(error), backend: 'unknown' };
  }
}

function exactValues(problem: Problem, grid: Float64Array, exactAt: (t: number) => Float64Array): Record<string, Float64Array> {
  const values: Record<string, Float64Array> = {};
  problem.unknowns.forEach(({ name }) => {
    values[name] = new Float64Array(grid.length);
  });
  grid.forEach((t, i) => {
    const at = exactAt(t);
    problem.unknowns.forEach(({ name }, j) => {
      values[name]![i] = at[j]!;
    });
  });
  return values;
}

function nanValues(problem: Problem, length: number): Record<string, Float64Array> {
  return Object.fromEntries(problem.unknowns.map(({ name }) => [name, new Float64Array(length).fill(Number.NaN)]));
}

/** Error figures over the masked points, every unknown stacked into one vector. */
function pooledFigures(problem: Problem, prediction: Record<string, Float64Array>, reference: Record<string, Float64Array>, mask: Float64Array): ErrorFigures {
  const predicted: number[] = [];
  const expected: number[] = [];
  for (const { name } of problem.unknowns) {
    mask.forEach((keep, i) => {
      if (keep === 0) return;
      predicted.push(prediction[name]![i]!);
      expected.push(reference[name]![i]!);
    });
  }
  const figures = errorFigures(Float64Array.from(predicted), Float64Array.from(expected));
  return { mse: toMeasured(figures.mse), rmse: toMeasured(figures.rmse), relativeL2: toMeasured(figures.relativeL2), maxAbs: toMeasured(figures.maxAbs) };
}

function learned(problem: Problem, values: Readonly<Record<string, number>>): CellResult['learnedParameters'] {
  const entries = Object.entries(values);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, value]) => {
      const truth = problem.parameters[name]?.value;
      return [name, truth === undefined ? { value } : { value, truth }];
    }),
  );
}

function gridValues(t: Float64Array, values: Record<string, Float64Array>): GridValues {
  return { t: Array.from(t), values: Object.fromEntries(Object.entries(values).map(([name, series]) => [name, Array.from(series, toMeasured)])) };
}

/** A loss history as a result records it: non-finite losses as null. */
function measuredHistory(history: TrainingResult['history']): CellResult['history'] {
  return {
    epoch: history.epoch,
    total: history.total.map(toMeasured),
    terms: Object.fromEntries(Object.entries(history.terms).map(([name, values]) => [name, values.map(toMeasured)])),
  };
}
