import type { Problem } from '@quadrant/spec';
import type { ProblemFile } from '../schema/problem-file-schema.ts';
import { withPrimes } from './prime-notation.ts';

/**
 * The problem file of a Problem: what to write as JSON or YAML so that reading it back gives
 * the same Problem (origin aside). Known parameters become plain numbers; ranges stay ranges.
 */
export function problemToFile(problem: Problem): ProblemFile {
  const parameters: NonNullable<ProblemFile['parameters']> = {};
  for (const [name, parameter] of Object.entries(problem.parameters)) {
    if (parameter.range !== undefined) {
      const middle = (parameter.range[0] + parameter.range[1]) / 2;
      parameters[name] = {
        ...(parameter.value === undefined ? {} : { value: parameter.value }),
        ...(parameter.guess === (parameter.value ?? middle) ? {} : { guess: parameter.guess }),
        ...(parameter.learn ? { learn: true } : {}),
        range: [parameter.range[0], parameter.range[1]],
      };
    } else if (!parameter.learn && parameter.value === parameter.guess) parameters[name] = parameter.guess;
    else parameters[name] = { ...(parameter.value === undefined ? {} : { value: parameter.value }), guess: parameter.guess, learn: parameter.learn };
  }
  const equations: Record<string, string> = {};
  const initial: NonNullable<ProblemFile['initial']> = {};
  for (const { name, order } of problem.unknowns) {
    equations[withPrimes(name, order)] = problem.equations[name]!;
    problem.initial[name]!.forEach((value, k) => {
      const symbol = withPrimes(name, k);
      const range = problem.initialRanges?.[symbol];
      initial[symbol] = range === undefined ? value : { range: [range[0], range[1]] };
    });
  }
  return {
    name: problem.name,
    description: problem.description,
    ...(problem.source === undefined ? {} : { source: problem.source }),
    ...(problem.independent === 't' ? {} : { independent: problem.independent }),
    parameters,
    equations,
    initial,
    domain: [problem.domain[0], problem.domain[1]],
    ...(problem.exact === undefined ? {} : { exact: { ...problem.exact } }),
    ...(problem.invariants === undefined ? {} : { invariants: { ...problem.invariants } }),
    ...(problem.data === undefined ? {} : { data: { t: [...problem.data.t], ...toSeries(problem.data.values) } }),
  };
}

function toSeries(values: Readonly<Record<string, readonly number[]>>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(values).map(([name, series]) => [name, [...series]]));
}
