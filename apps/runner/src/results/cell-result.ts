import { z } from 'zod';

/**
 * A number as JSON can hold it: `null` stands for a value that was not finite (a diverged
 * prediction, the error figures of one), since JSON has no NaN or Infinity.
 */
export const measuredNumberSchema = z.number().nullable();

/** The JSON form of a measured number: non-finite values become `null`. */
export function toMeasured(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Error figures of one prediction against the reference on one interval. */
export const errorFiguresSchema = z.object({
  mse: measuredNumberSchema,
  rmse: measuredNumberSchema,
  relativeL2: measuredNumberSchema,
  maxAbs: measuredNumberSchema,
});
export type ErrorFigures = z.output<typeof errorFiguresSchema>;

/**
 * Whether a network cell found the solution, judged without the reference: its residual
 * propagated along the solution gives an estimate of the relative L2 error in the domain.
 */
export const verdictSchema = z.object({
  status: z.enum(['solved', 'unsolved']),
  /** The estimated relative L2 error in the domain. */
  estimatedError: measuredNumberSchema,
  /** The largest estimate that counts as solved. */
  tolerance: z.number(),
  /** The largest residual relative to its equation's scale, and where. */
  worstResidual: z.object({ value: measuredNumberSchema, t: z.number(), unknown: z.string() }),
});
export type CellVerdict = z.output<typeof verdictSchema>;

/** Values of every unknown on a grid, unknown-major: `values[name][i]` at `t[i]`. */
export const gridValuesSchema = z.object({
  t: z.array(z.number()),
  values: z.record(z.string(), z.array(measuredNumberSchema)),
});
export type GridValues = z.output<typeof gridValuesSchema>;

/**
 * The methods a cell can run: the quadrants (a network trained on data, data and equation, or
 * the equation; and learned dynamics, a neural ODE fitted to the data) and the classical
 * solvers, which the report sets beside them.
 */
export const methodSchema = z.enum(['data-only', 'pinn', 'solver', 'neural-ode', 'odex', 'rodas', 'rk4', 'euler']);
export type Method = z.output<typeof methodSchema>;

/**
 * Which part of a suite a result belongs to, written into every result line of a sharded run
 * so that `quadrant report` can tell the shards of one suite from those of another: shard
 * `index` of `count` (from 1) of the suite whose cells hash to `suite`.
 */
export const shardTagSchema = z.strictObject({
  index: z.int().positive(),
  count: z.int().positive(),
  /** A hash of every cell id of the whole suite: equal for the shards of one suite with one set of settings. */
  suite: z.string(),
});
export type ShardTag = z.output<typeof shardTagSchema>;

/**
 * A bundle cell's figures over its box: the error against the reference solver at each θ of a
 * grid (the report's "error over θ"), its worst and median, and, for an inverse problem, the
 * seconds the frozen bundle took to fit the learned parameters.
 */
export const bundleFiguresSchema = z.object({
  /** The ranges, in the order of each θ's values. */
  box: z.array(z.object({ name: z.string(), kind: z.enum(['parameter', 'initial']), range: z.tuple([z.number(), z.number()]) })),
  points: z.array(z.object({ theta: z.array(z.number()), relativeL2: measuredNumberSchema })),
  worst: measuredNumberSchema,
  median: measuredNumberSchema,
  worstAt: z.array(z.number()),
  /** Seconds the learned parameters took to fit through the frozen bundle. */
  fitSeconds: z.number().optional(),
});
export type BundleFigures = z.output<typeof bundleFiguresSchema>;

/**
 * One finished cell of a suite: problem × method × architecture × settings × seed. Written as
 * one JSON line the moment the cell ends, and read back (through this schema) to resume a
 * suite or render a report from results alone.
 */
export const cellResultSchema = z.object({
  /** Format version of this record. */
  format: z.literal(1),
  /** Stable identity of the cell: a hash of problem, method and every setting that changes the result. */
  id: z.string(),
  suite: z.string(),
  problem: z.string(),
  problemDescription: z.string(),
  method: methodSchema,
  /** The preset a network method started from when it is not the method's own (`article`). */
  preset: z.string().optional(),
  /** Architecture name for network methods; absent for classical solvers. */
  architecture: z.string().optional(),
  seed: z.number().int(),
  /** The fully resolved settings (training settings for networks, solver options for solvers). */
  settings: z.record(z.string(), z.unknown()),
  status: z.enum(['ok', 'diverged', 'failed']),
  /** Why a cell diverged or failed ("diverged at epoch 812: loss is NaN"). */
  reason: z.string().optional(),
  /** Network cells: solved or not, judged without the reference. */
  verdict: verdictSchema.optional(),
  /** The classical solver that gave the reference (odex, or rodas where odex gives up on a stiff problem). */
  referenceSolver: z.string().optional(),
  backend: z.string(),
  /** Versions of Node and of every @quadrant package and tfjs that ran the cell. */
  versions: z.record(z.string(), z.string()),
  startedAt: z.string(),
  seconds: z.object({ total: z.number(), training: z.number() }),
  epochs: z.number().int(),
  /** Loss per logged epoch: the weighted total and each unweighted term. */
  history: z.object({
    epoch: z.array(z.number()),
    total: z.array(measuredNumberSchema),
    terms: z.record(z.string(), z.array(measuredNumberSchema)),
  }),
  trainingDomain: z.tuple([z.number(), z.number()]),
  /** The interval past the training domain, of the same length, where extrapolation is measured. */
  extrapolationDomain: z.tuple([z.number(), z.number()]),
  metrics: z.object({
    inDomain: errorFiguresSchema,
    extrapolation: errorFiguresSchema,
    /** RMS of the equation residual on the evaluation grid inside the domain (networks only). */
    residualRms: measuredNumberSchema.optional(),
  }),
  /**
   * A bundle's cell (a problem with ranges): its errors over the box; the other figures are
   * those of the bundle at the problem's nominal values.
   */
  bundle: bundleFiguresSchema.optional(),
  /** Learned values of parameters marked `learn: true`, with the true value when the problem gives one. */
  learnedParameters: z.record(z.string(), z.object({ value: z.number(), truth: z.number().optional() })).optional(),
  /** Prediction, reference and (where a closed form exists) exact solution on one grid over both intervals. */
  prediction: gridValuesSchema,
  reference: gridValuesSchema,
  exact: gridValuesSchema.optional(),
  /** Observations the cell trained on (data-only and PINN). */
  data: gridValuesSchema.optional(),
  /** The shard of the suite the cell ran in (`bench --shard`); absent for a whole run. */
  shard: shardTagSchema.optional(),
});
export type CellResult = z.output<typeof cellResultSchema>;
