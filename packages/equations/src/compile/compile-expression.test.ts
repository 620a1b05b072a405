import { QuadrantError } from '@quadrant/spec';
import fc from 'fast-check';
import { evaluate } from 'mathjs/number';
import { describe, expect, it } from 'vitest';
import { mathFunctions } from '../parse/math-functions.ts';
import { compileExpression } from './compile-expression.ts';

// Each variable has the name our expressions use and one mathjs can read (no primes).
const variables = [
  { ours: 'x', mathjs: 'x' },
  { ours: "y'", mathjs: 'y_1' },
  { ours: "y''", mathjs: 'y_2' },
  { ours: 'omega', mathjs: 'omega' },
];

interface Written {
  readonly ours: string;
  readonly mathjs: string;
}

const same = (text: string): Written => ({ ours: text, mathjs: text });

const { expression } = fc.letrec<{ expression: Written; leaf: Written; node: Written }>((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(...variables),
    fc.integer({ min: 0, max: 10_000 }).map((value) => same(String(value / 100))),
    fc.double({ min: 1e-8, max: 1e8, noNaN: true }).map((value) => same(String(value))),
    fc.integer({ min: 0, max: 5 }).map((value) => same(String(value))),
    fc.constantFrom(same('pi'), same('e')),
  ),
  node: fc.oneof(
    fc.tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/', '^'), tie('expression')).map(([left, operator, right]) => ({
      ours: `(${left.ours}) ${operator} (${right.ours})`,
      mathjs: `(${left.mathjs}) ${operator} (${right.mathjs})`,
    })),
    tie('expression').map((argument) => ({ ours: `-${argument.ours}`, mathjs: `-${argument.mathjs}` })),
    fc.constantFrom(...(Object.entries(mathFunctions) as [string, number][])).chain(([name, arity]) =>
      fc.array(tie('expression'), { minLength: arity, maxLength: arity }).map((args) => ({
        ours: `${name}(${args.map((argument) => argument.ours).join(', ')})`,
        mathjs: `${name}(${args.map((argument) => argument.mathjs).join(', ')})`,
      })),
    ),
  ),
  expression: fc.oneof({ maxDepth: 6, depthIdentifier: 'expression', withCrossShrink: true }, tie('leaf'), { arbitrary: tie('node'), weight: 2 }),
}));

const values = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: variables.length, maxLength: variables.length });

function agree(ours: number, reference: number): boolean {
  if (Number.isNaN(reference)) return Number.isNaN(ours);
  if (!Number.isFinite(reference)) return ours === reference;
  return Math.abs(ours - reference) <= 1e-12 * Math.max(1, Math.abs(reference));
}

describe('compileExpression', () => {
  it('agrees with mathjs evaluate on random expressions and inputs', () => {
    fc.assert(
      fc.property(expression, values, (written, point) => {
        const compiled = compileExpression(
          written.ours,
          variables.map((variable) => variable.ours),
          'property',
        );
        const scope = Object.fromEntries(variables.map((variable, index) => [variable.mathjs, point[index]!]));
        const reference: unknown = evaluate(written.mathjs, scope);
        // mathjs answers a few edge cases (min of NaN) with a non-number or a throw; those say nothing about us.
        fc.pre(typeof reference === 'number');
        const ours = compiled(Float64Array.from(point));
        if (!agree(ours, reference as number)) throw new Error(`${written.ours} at ${point.join(', ')}: ${ours} vs mathjs ${reference}`);
      }),
      { numRuns: 500, seed: 20240601 },
    );
  });

  it('reads variables by position, primes included', () => {
    const damped = compileExpression("-2*zeta*omega*y' - omega^2*y", ['y', "y'", 'zeta', 'omega'], 'test');
    expect(damped(Float64Array.of(1, 0.5, 0.1, 2))).toBeCloseTo(-2 * 0.1 * 2 * 0.5 - 4 * 1, 14);
  });

  it('refuses an unknown name with the nearest one, and a doubled variable', () => {
    expect(() => compileExpression('sin(omga*t)', ['t', 'omega'], 'suite.yaml: energy')).toThrow(
      "suite.yaml: energy: unknown symbol 'omga' (did you mean 'omega'?)",
    );
    const error = (() => {
      try {
        compileExpression('t', ['t', 't'], 'where');
      } catch (caught) {
        return caught;
      }
    })();
    expect(QuadrantError.hasCode(error, 'INPUT_INVALID')).toBe(true);
  });
});
