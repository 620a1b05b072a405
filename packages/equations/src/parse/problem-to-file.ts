import type { Problem } from '@quadrant/spec';
import type { ProblemFile } from '../schema/problem-file-schema.ts';
import { withPrimes } from './prime-notation.ts';

/**
 * The problem file of a Problem: what to write as JSON or YAML so that reading it back gives
 * the same Problem (origin aside). Known parameters become plain numbers.
 */
export function problemToFile(problem: Problem): ProblemFile {
  const parameters: NonNullable<ProblemFile['parameters']> = {};
  for (const [name, parameter] of Object.entries(problem.parameters)) {
    if (!parameter.learn && parameter.value === parameter.guess) parameters[name] = parameter.guess;
    else parameters[name] = { ...(parameter.value === undefined ? {} : { value: parameter.value }), guess: parameter.guess, learn: parameter.learn };
  }
  const equations: Record<string, string> = {};
  const initial: Record<string, number> = {};
  for (const { name, order } of problem.unknowns) {
    equations[withPrimes(name, order)] = problem.equations[name]!;
    problem.initial[name]!.forEach((value, k) => {
      initial[withPrimes(name, k)] = value;
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
