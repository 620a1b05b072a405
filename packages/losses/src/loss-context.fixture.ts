import type { LossContextV1, Problem } from '@quadrant/spec';

/** Test fixture: the context a trainer builds for `problem`, with observations when given. */
export function lossContext(problem: Problem, data?: { t: readonly number[]; values: Readonly<Record<string, readonly number[]>> }): LossContextV1 {
  return {
    problem,
    unknowns: problem.unknowns.map((unknown) => unknown.name),
    data:
      data === undefined
        ? undefined
        : { t: Float64Array.from(data.t), values: Object.fromEntries(Object.entries(data.values).map(([name, series]) => [name, Float64Array.from(series)])) },
  };
}
