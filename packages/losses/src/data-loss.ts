import { didYouMean, defineLossTerm, QuadrantError } from '@quadrant/spec';
import { gather, sub, type Tensor1D, tensor1d, tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { meanSquare } from './mean-square.ts';
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
    // In output-column order, so the targets line up with a gather of the network's columns.
    const observed = layout.columns.filter((column) => data.values[column.name] !== undefined).sort((a, b) => a.column - b.column);
    if (observed.length === 0) {
      throw new QuadrantError('CONFIG_INVALID', `${layout.where}: data has points but no series; add one per observed unknown, e.g. "${names[0]!}": [...]`);
    }
    const points = data.t.length;
    const targets = new Float32Array(points * observed.length);
    observed.forEach((column, j) => {
      const series = data.values[column.name]!;
      for (let i = 0; i < points; i++) targets[i * observed.length + j] = series[i]!;
    });
    const t = tensor2d(Float32Array.from(data.t), [points, 1]);
    const target = tensor2d(targets, [points, observed.length]);
    const everyOutput = observed.length === layout.outputs && observed.every((column, j) => column.column === j);
    const picked: Tensor1D | undefined = everyOutput ? undefined : tensor1d(observed.map((column) => column.column), 'int32');
    return {
      order: 0,
      evaluate(step) {
        const value = checkedJets(step.jets(t, 0), 0, layout)[0]!;
        return meanSquare([sub(picked === undefined ? value : gather(value, picked, 1), target)]);
      },
      dispose() {
        t.dispose();
        target.dispose();
        picked?.dispose();
      },
    };
  },
});
