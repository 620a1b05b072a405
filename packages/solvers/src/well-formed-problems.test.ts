import { mathFunctions, readProblemText, stateNames } from '@quadrant/equations';
import { QuadrantError } from '@quadrant/spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rk4Solver } from './rk4-solver.ts';
import { solveProblem } from './solve-problem.ts';

// Words of the expression language a name may not take (the functions are added below).
const reservedWords = new Set(['pi', 'e', 'mod', 'to', 'in', 'and', 'or', 'xor', 'not', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'end', 'i']);
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const name = fc
  .tuple(fc.constantFrom(...letters), fc.string({ unit: fc.constantFrom(...`${letters}0123456789_`), maxLength: 5 }))
  .map(([first, rest]) => first + rest)
  .filter((candidate) => !reservedWords.has(candidate) && !Object.hasOwn(mathFunctions, candidate));

const number = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map(String),
  fc.double({ min: 1e-6, max: 1e6, noNaN: true }).map(String),
  fc.constantFrom('0.5', '1e-3', '2.5e2', 'pi', 'e'),
);

/** Random expressions over `symbols`: arithmetic, unary minus and every supported function with its arity. */
function expressionOver(symbols: readonly string[]): fc.Arbitrary<string> {
  const leaf = symbols.length === 0 ? number : fc.oneof(fc.constantFrom(...symbols), number);
  const { expression } = fc.letrec<{ expression: string; node: string }>((tie) => ({
    node: fc.oneof(
      fc
        .tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/', '^'), tie('expression'))
        .map(([left, operator, right]) => `(${left}) ${operator} (${right})`),
      tie('expression').map((argument) => `-${argument}`),
      fc
        .constantFrom(...(Object.entries(mathFunctions) as [string, number][]))
        .chain(([call, arity]) => fc.array(tie('expression'), { minLength: arity, maxLength: arity }).map((args) => `${call}(${args.join(', ')})`)),
    ),
    expression: fc.oneof({ maxDepth: 3, depthIdentifier: 'expression' }, leaf, tie('node')),
  }));
  return expression;
}

const finite = fc.double({ min: -10, max: 10, noNaN: true });

/** A problem file with 1–6 unknowns of orders 1–4, 0–4 parameters and, sometimes, closed forms: well-formed by construction. */
const problemFile = fc
  .record({
    names: fc.uniqueArray(name, { minLength: 6, maxLength: 11 }),
    orders: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
  })
  .filter(({ names, orders }) => names.length >= orders.length + 1)
  .chain(({ names, orders }) => {
    const [independent, ...rest] = names as [string, ...string[]];
    const unknowns = orders.map((order, index) => ({ name: rest[index]!, order }));
    const parameters = rest.slice(orders.length, orders.length + 4);
    const state = stateNames(unknowns);
    const equation = expressionOver([independent, ...parameters, ...state]);
    return fc.record({
      name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
      independent: fc.constant(independent),
      parameters: fc.tuple(
        ...parameters.map((parameter) =>
          fc
            .oneof(
              finite,
              finite.map((value) => ({ value })),
              finite.map((guess) => ({ guess, learn: true })),
            )
            .map((value) => [parameter, value] as const),
        ),
      ),
      equations: fc.tuple(...unknowns.map((unknown) => equation.map((rhs) => [`${unknown.name}${"'".repeat(unknown.order)}`, rhs] as const))),
      initial: fc.tuple(...state.map((symbol) => finite.map((value) => [symbol, value] as const))),
      domain: fc.tuple(finite, fc.double({ min: 1e-3, max: 100, noNaN: true })).map(([start, length]) => [start, start + length]),
      exact: fc.option(fc.tuple(...unknowns.map((unknown) => expressionOver([independent, ...parameters]).map((form) => [unknown.name, form] as const)))),
    });
  })
  .map((file) => ({
    ...file,
    parameters: Object.fromEntries(file.parameters),
    equations: Object.fromEntries(file.equations),
    initial: Object.fromEntries(file.initial),
    exact: file.exact === null ? undefined : Object.fromEntries(file.exact),
  }));

const origin = 'generated.json';

/** One line, no stack: what a user sees of a QuadrantError. */
function expectOneLine(error: unknown, code: QuadrantError['code'], front: string): void {
  if (!QuadrantError.hasCode(error, code)) throw error;
  expect(error.message).not.toContain('\n');
  expect(error.message.startsWith(front)).toBe(true);
}

describe('well-formed problem files', () => {
  it('parse, compile and solve with bounded work (or stop with one QuadrantError line naming the equation): 10^4 random problems', () => {
    const outcomes = { solved: 0, singularAtStart: 0, solverFailed: 0 };
    fc.assert(
      fc.property(problemFile, (file) => {
        const problem = readProblemText(JSON.stringify(file), origin);
        expect(problem.unknowns).toEqual(
          Object.keys(file.equations).map((key) => ({ name: key.replace(/'+$/, ''), order: key.length - key.replace(/'+$/, '').length })),
        );
        const [start, end] = problem.domain;
        const grid = Float64Array.of(start, start + (end - start) / 100, start + (end - start) / 10);
        try {
          const { solution } = solveProblem(problem, { grid, solver: rk4Solver, options: { steps: 10 } });
          // The first grid point is the start: the solution there is the initial state, in declaration order
          // (+ 0 since JSON writes −0 as 0).
          expect(solution.values.map((component) => component[0])).toEqual(stateNames(problem.unknowns).map((symbol) => file.initial[symbol]! + 0));
          outcomes.solved++;
        } catch (error) {
          if (QuadrantError.hasCode(error, 'PROBLEM_INVALID')) {
            // An equation such as log(-1) at the initial values: refused as it compiles, naming it.
            expectOneLine(error, 'PROBLEM_INVALID', `${origin}: equations[`);
            expect(error.message).toContain('at the initial values');
            outcomes.singularAtStart++;
          } else {
            expectOneLine(error, 'SOLVER_FAILED', 'rk4: rhs of ');
            expect((error as Error).message).toMatch(/^rk4: rhs of \S+' is not finite at t = \S+ \((NaN|-?Infinity)\)/);
            outcomes.solverFailed++;
          }
        }
      }),
      { seed: 1, numRuns: 10_000 },
    );
    // The generator reaches every outcome, so each branch above is exercised.
    expect(Object.values(outcomes).every((count) => count > 0)).toBe(true);
    expect(outcomes.solved).toBeGreaterThan(1000);
  });
});
