import { memory, tensor1d, tidy, type Variable, variable } from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createBestWeights } from './best-weights.ts';

const created: Variable[] = [];
afterEach(() => {
  for (const each of created.splice(0)) each.dispose();
});
/** Two variables, [a] and [b, b]. */
const weights = (a: number, b: number) => {
  const pair = [variable(tensor1d([a])), variable(tensor1d([b, b]))];
  created.push(...pair);
  return pair;
};
const set = (variables: Variable[], a: number, b: number) =>
  tidy(() => {
    variables[0]!.assign(tensor1d([a]));
    variables[1]!.assign(tensor1d([b, b]));
  });
const read = (variables: Variable[]) => variables.map((each) => Array.from(each.dataSync()));
/** Takes a snapshot at (a, b) and offers it with `loss`. */
const step = (best: ReturnType<typeof createBestWeights>, variables: Variable[], a: number, loss: number) => {
  set(variables, a, -a);
  best.snapshot();
  best.offer(loss);
};

describe('the best-weights tracker', () => {
  it('keeps the weights of the lowest loss offered and writes them back', () => {
    const variables = weights(0, 0);
    const best = createBestWeights(variables);
    step(best, variables, 1, 3);
    step(best, variables, 2, 1);
    step(best, variables, 3, 2);
    set(variables, 9, 9);
    best.restore();
    expect(read(variables)).toEqual([[2], [-2, -2]]);
    best.dispose();
  });

  it('lets the first snapshot stand in, whatever its loss, until a finite loss beats it', () => {
    const variables = weights(0, 0);
    const best = createBestWeights(variables);
    step(best, variables, 1, Number.NaN);
    step(best, variables, 2, Number.POSITIVE_INFINITY);
    set(variables, 9, 9);
    best.restore();
    expect(read(variables)).toEqual([[1], [-1, -1]]);
    step(best, variables, 3, 5);
    step(best, variables, 4, Number.NaN);
    best.restore();
    expect(read(variables)).toEqual([[3], [-3, -3]]);
    best.dispose();
  });

  it('ignores an offer without a snapshot, and restores nothing before it has kept one', () => {
    const variables = weights(7, 8);
    const best = createBestWeights(variables);
    best.restore();
    expect(read(variables)).toEqual([[7], [8, 8]]);
    step(best, variables, 1, 5);
    set(variables, 2, 2);
    best.offer(0);
    best.restore();
    expect(read(variables)).toEqual([[1], [-1, -1]]);
    best.dispose();
  });

  it('holds one copy of the variables, two while a snapshot waits, and none once disposed', () => {
    const variables = weights(0, 0);
    const before = memory().numTensors;
    const best = createBestWeights(variables);
    for (const [a, loss] of [
      [1, 4],
      [2, 5],
      [3, 1],
      [4, Number.NaN],
    ] as const) {
      set(variables, a, a);
      best.snapshot();
      expect(memory().numTensors).toBe(before + (a === 1 ? 2 : 4));
      best.offer(loss);
      expect(memory().numTensors).toBe(before + 2);
    }
    best.restore();
    expect(memory().numTensors).toBe(before + 2);
    best.snapshot();
    best.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
