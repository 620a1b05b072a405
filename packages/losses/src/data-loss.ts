import { didYouMean, defineLossTerm, QuadrantError, seededRandom } from '@quadrant/spec';
import { sub, type Tensor2D, tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { maskedMeanSquare, meanSquare } from './mean-square.ts';
import { checkedJets, outputLayout } from './output-layout.ts';

/** Options of the `data` term: both curricula are off unless given, so `{}` is the plain misfit over every sample. */
export const dataLossOptions = z.strictObject({
  /**
   * A growing time span: at epoch e the misfit covers only the samples with
   * t ≤ t_first + s(e)·(t_last − t_first), s growing linearly from `start` at epoch 0 to 1 at
   * `epochs` (every sample from then on; the first two samples are always in). A trajectory
   * model (a neural ODE) first fits the start of the data, where its flow is short, then follows it further.
   */
  span: z
    .strictObject({
      start: z.number().positive().max(1).default(0.25),
      epochs: z.int().positive(),
    })
    .optional(),
  /**
   * Mini-batches of sub-trajectories: until epoch `until`, each epoch's misfit covers one window
   * of `size` consecutive samples (in t order, within the span), drawn at random per epoch
   * (seeded by the epoch, so re-evaluations within an epoch agree); every sample afterwards.
   */
  windows: z
    .strictObject({
      size: z.int().min(2),
      until: z.int().positive(),
    })
    .optional(),
});

/** Validated options of the `data` term. */
export type DataLossOptions = z.output<typeof dataLossOptions>;

/**
 * The data misfit: the mean squared error of the network's value at the observation points
 * `context.data.t` against the observations, over every point and every observed unknown
 * (unknowns without a series are not compared). It asks nothing at the collocation points, so
 * its `order` is 0. With the residual term beside it, this is what lets a learnable parameter
 * be recovered (an inverse problem). Options: a growing time `span` and random `windows` of
 * consecutive samples, the usual curricula against the local minima of a trajectory fit; each
 * masks samples out of the mean (the network is still asked at every sample, one request).
 * @throws QuadrantError from `create`: `CONFIG_INVALID` when the context has no data, no series,
 *   or a series for a name that is not an unknown; `SHAPE_MISMATCH` when a series and `t` differ in length
 */
export const dataLoss = defineLossTerm({
  name: 'data',
  description: 'mean squared error of the network against the observations',
  options: dataLossOptions,
  needsData: true,
  create(context, options) {
    const layout = outputLayout(context, 'data');
    const { data } = context;
    if (data === undefined || data.t.length === 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `${layout.where}: the 'data' term needs observations and the run has none; add "data": { "t": [...], "${layout.columns[0]!.name}": [...] } to the problem, or drop the 'data' term (the 'solver' quadrant trains without it)`,
      );
    }
    const names = layout.columns.map((column) => column.name);
    for (const [name, series] of Object.entries(data.values)) {
      if (!names.includes(name)) {
        throw new QuadrantError(
          'CONFIG_INVALID',
          `${layout.where}: data has a series '${name}', which is not an unknown (unknowns: ${names.join(', ')})${didYouMean(name, names)}`,
        );
      }
      if (series.length !== data.t.length) {
        throw new QuadrantError('SHAPE_MISMATCH', `${layout.where}: data.${name} has ${series.length} values but data.t has ${data.t.length} points`);
      }
    }
    const observed = layout.columns.filter((column) => data.values[column.name] !== undefined);
    if (observed.length === 0) {
      throw new QuadrantError('CONFIG_INVALID', `${layout.where}: data has points but no series; add one per observed unknown, e.g. "${names[0]!}": [...]`);
    }
    // Targets laid out like the network's output, [M, outputs]; unobserved columns are masked out.
    const points = data.t.length;
    const targets = new Float32Array(points * layout.outputs);
    const kept = new Float32Array(layout.outputs);
    for (const column of observed) {
      const series = data.values[column.name]!;
      for (let i = 0; i < points; i++) targets[i * layout.outputs + column.column] = series[i]!;
      kept[column.column] = 1;
    }
    const t = tensor2d(Float32Array.from(data.t), [points, 1]);
    const target = tensor2d(targets, [points, layout.outputs]);
    const mask: Tensor2D | undefined = observed.length === layout.outputs ? undefined : tensor2d(kept, [1, layout.outputs]);
    const samplesAt = curriculum(data.t, options);
    return {
      order: 0,
      evaluate(step) {
        const value = checkedJets(step.jets(t, 0), 0, layout)[0]!;
        const difference = sub<Tensor2D>(value, target);
        const samples = samplesAt(step.epoch);
        if (samples === undefined) return mask === undefined ? meanSquare([difference]) : maskedMeanSquare(difference, mask, points * observed.length);
        // This epoch's samples, in the observed columns: a [points, outputs] mask of this step (the tidy of the step frees it).
        const entries = new Float32Array(points * layout.outputs);
        for (const i of samples) entries.set(kept, i * layout.outputs);
        return maskedMeanSquare(difference, tensor2d(entries, [points, layout.outputs]), samples.length * observed.length);
      },
      dispose() {
        t.dispose();
        target.dispose();
        mask?.dispose();
      },
    };
  },
});

/**
 * Which samples (indices into `t`) the misfit covers at an epoch under `options`' span and
 * windows; `undefined` for all of them (both curricula over, or none asked).
 */
function curriculum(t: Float64Array, options: DataLossOptions): (epoch: number) => number[] | undefined {
  const { span, windows } = options;
  if (span === undefined && windows === undefined) return () => undefined;
  const order = Array.from(t.keys()).sort((a, b) => t[a]! - t[b]!);
  const first = t[order[0]!]!;
  const length = t[order.at(-1)!]! - first;
  return (epoch) => {
    const spanOver = span === undefined || epoch >= span.epochs;
    const windowsOver = windows === undefined || epoch >= windows.until;
    if (spanOver && windowsOver) return undefined;
    const reach = spanOver ? 1 : span.start + ((1 - span.start) * epoch) / span.epochs;
    const inSpan = order.filter((i, rank) => rank < 2 || t[i]! <= first + reach * length + 1e-12 * length);
    if (windowsOver || inSpan.length <= windows.size) return inSpan;
    const from = Math.floor(seededRandom(epoch + 1).uniform() * (inSpan.length - windows.size + 1));
    return inSpan.slice(from, from + windows.size);
  };
}
