import { didYouMean, defineLossTerm, QuadrantError } from '@quadrant/spec';
import { sub, type Tensor2D, tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { maskedMeanSquare, meanSquare } from './mean-square.ts';
import { checkedJets, outputLayout } from './output-layout.ts';

/**
 * The data misfit: the mean squared error of the network's value at the observation points
 * `context.data.t` against the observations, over every point and every observed unknown
 * (unknowns without a series are not compared). It asks nothing at the collocation points, so
 * its `order` is 0. With the residual term beside it, this is what lets a learnable parameter
 * be recovered (an inverse problem).
 * @throws QuadrantError from `create`: `CONFIG_INVALID` when the context has no data, no series,
 *   or a series for a name that is not an unknown; `SHAPE_MISMATCH` when a series and `t` differ in length
 */
export const dataLoss = defineLossTerm({
  name: 'data',
  description: 'mean squared error of the network against the observations',
  options: z.strictObject({}),
  needsData: true,
  create(context) {
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
    return {
      order: 0,
      evaluate(step) {
        const value = checkedJets(step.jets(t, 0), 0, layout)[0]!;
        const difference = sub<Tensor2D>(value, target);
        return mask === undefined ? meanSquare([difference]) : maskedMeanSquare(difference, mask, points * observed.length);
      },
      dispose() {
        t.dispose();
        target.dispose();
        mask?.dispose();
      },
    };
  },
});
