import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { defineProblem } from './define-problem.ts';
import { parseProblem } from './parse-problem.ts';
import { problemToFile } from './problem-to-file.ts';
import { readProblemText } from './read-problem-text.ts';

const oscillator = {
  name: 'oscillator',
  description: "y'' = -omega^2 y",
  parameters: { omega: 2 },
  equations: { "y''": '-omega^2*y' },
  initial: { y: 1, "y'": 0 },
  domain: [0, 10],
};

/** The error a call throws; fails the test when it throws none or something else. */
function refusal(call: () => unknown): QuadrantError {
  try {
    call();
  } catch (error) {
    if (QuadrantError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a QuadrantError, but nothing was thrown');
}

/** The message of parsing `oscillator` changed by `change`, as problem.json. */
function messageFor(change: Record<string, unknown>): string {
  const error = refusal(() => readProblemText(JSON.stringify({ ...oscillator, ...change }, null, 2), 'problem.json'));
  expect(error.code).toBe('PROBLEM_INVALID');
  return error.message;
}

describe('parseProblem', () => {
  it('builds the Problem: unknowns in declaration order, initial values per unknown, defaults filled in', () => {
    const problem = parseProblem(
      {
        name: 'two',
        description: 'a system',
        parameters: { a: 1, k: { guess: 0.5, learn: true }, c: { value: 2, guess: 1.5, learn: true } },
        equations: { "x''": '-a*x + y', "y'": 'k*x' },
        initial: { x: 1, "x'": 0, y: 3 },
        domain: [0, 2],
      },
      'two.json',
    );
    expect(problem.unknowns).toEqual([
      { name: 'x', order: 2 },
      { name: 'y', order: 1 },
    ]);
    expect(problem.initial).toEqual({ x: [1, 0], y: [3] });
    expect(problem.equations).toEqual({ x: '-a*x + y', y: 'k*x' });
    expect(problem.independent).toBe('t');
    expect(problem.parameters).toEqual({
      a: { value: 1, guess: 1, learn: false },
      k: { value: undefined, guess: 0.5, learn: true },
      c: { value: 2, guess: 1.5, learn: true },
    });
    expect(problem.origin).toBe('two.json');
  });

  it('gives the same Problem from JSON and from YAML', () => {
    const json = readProblemText(
      `{
        "name": "damped",
        "description": "a damped oscillator",
        "independent": "s",
        "parameters": { "zeta": 0.1, "omega": 2, "c": { "guess": 1, "learn": true } },
        "equations": { "y''": "-2*zeta*omega*y' - omega^2*y" },
        "initial": { "y": 1, "y'": 0 },
        "domain": [0, 10],
        "exact": { "y": "exp(-zeta*omega*s)" },
        "invariants": { "energy": "y'^2/2 + omega^2*y^2/2" },
        "data": { "t": [0, 1, 2], "y": [1, 0.5, 0.25] }
      }`,
      'damped.json',
    );
    const yaml = readProblemText(
      `name: damped
description: a damped oscillator
independent: s
parameters:
  zeta: 0.1
  omega: 2
  c: { guess: 1, learn: true }
equations:
  y'': -2*zeta*omega*y' - omega^2*y
initial: { y: 1, y': 0 }
domain: [0, 10]
exact:
  y: exp(-zeta*omega*s)
invariants:
  energy: y'^2/2 + omega^2*y^2/2
data:
  t: [0, 1, 2]
  y: [1, 0.5, 0.25]
`,
      'damped.yaml',
    );
    expect({ ...yaml, origin: '' }).toEqual({ ...json, origin: '' });
    expect(yaml.origin).toBe('damped.yaml');
  });

  it('reads the format from the content when the origin has no known extension', () => {
    expect(readProblemText(JSON.stringify(oscillator), 'stdin').name).toBe('oscillator');
    expect(readProblemText("name: oscillator\ndescription: d\nequations: { y': -y }\ninitial: { y: 1 }\ndomain: [0, 1]\n", 'stdin').name).toBe('oscillator');
  });

  it('defineProblem names the problem as its origin unless told otherwise', () => {
    expect(defineProblem(oscillator as never).origin).toBe('oscillator');
    expect(defineProblem(oscillator as never, 'lab.ts').origin).toBe('lab.ts');
    expect(refusal(() => defineProblem(null as never)).message).toBe(
      'defineProblem: expected a problem object (name, description, equations, initial, domain), got null',
    );
  });

  it('problemToFile gives a file that reads back to the same Problem', () => {
    const problem = parseProblem(
      { ...oscillator, parameters: { omega: 2, c: { value: 3, guess: 1, learn: true } }, exact: { y: 'cos(omega*t)' }, data: { t: [1], y: [0.5] } },
      'a.json',
    );
    expect(parseProblem(JSON.parse(JSON.stringify(problemToFile(problem))), 'a.json')).toEqual(problem);
  });
});

describe('bad problem files are refused with origin: field: cause', () => {
  it('invalid JSON, with line and column', () => {
    const error = refusal(() => readProblemText('{\n  "name": "a",\n  "description": "d",\n}', 'problem.json'));
    expect(error.code).toBe('PROBLEM_INVALID');
    expect(error.message).toBe('problem.json: invalid JSON at line 4, column 1: Expected double-quoted property name');
  });

  it('invalid JSON where the parser names no position: an unexpected token is still located', () => {
    const error = refusal(() => readProblemText('{\n  "name": "a",\n  "x": tru\n}', 'problem.json'));
    expect(error.message).toBe("problem.json: invalid JSON at line 3, column 11: Unexpected token '\\n'");
    const inline = refusal(() => readProblemText('{"name": "a", "x": tru}', 'problem.json'));
    expect(inline.message).toBe("problem.json: invalid JSON at line 1, column 23: Unexpected token '}'");
  });

  it('a key that appears twice in JSON (which JSON.parse would silently keep the last of)', () => {
    const error = refusal(() => readProblemText('{\n  "equations": {\n    "y\'": "-y",\n    "y\'": "y"\n  }\n}', 'problem.json'));
    expect(error.message).toBe('problem.json: duplicate key at line 4, column 5: each key may appear once in an object');
    // However the key is spelt, and inside strings, arrays and nested objects alike.
    const escaped = refusal(() => readProblemText('{"name": "a", "data": [{"t": "{\\"t\\": 1,"}], "na\\u006de": "b"}', 'problem.json'));
    expect(escaped.message).toBe('problem.json: duplicate key at line 1, column 46: each key may appear once in an object');
    const sameKeyTwoObjects = { ...oscillator, exact: { y: 'cos(omega*t)' }, initial: { y: 1, "y'": 0 } };
    expect(() => readProblemText(JSON.stringify(sameKeyTwoObjects), 'problem.json')).not.toThrow();
  });

  it('a file longer than its format allows, before parsing it', () => {
    const yaml = `name: a\ndescription: ${'d'.repeat(2_000_000)}\n`;
    expect(refusal(() => readProblemText(yaml, 'problem.yaml')).message).toBe(
      'problem.yaml: 2000022 characters exceeds the limit of 2000000 characters for a YAML file',
    );
  });

  it('invalid YAML, with line and column', () => {
    const error = refusal(() => readProblemText('name: a\n  description: d\n', 'problem.yaml'));
    expect(error.code).toBe('PROBLEM_INVALID');
    expect(error.message).toBe('problem.yaml: invalid YAML at line 1, column 7: Nested mappings are not allowed in compact mappings');
  });

  it('a key that appears twice in YAML', () => {
    const error = refusal(() => readProblemText("equations:\n  y': -y\n  y': y\n", 'problem.yaml'));
    expect(error.message).toBe('problem.yaml: duplicate key at line 3, column 3: each key may appear once in an object');
  });

  it('a file that is not an object', () => {
    expect(refusal(() => readProblemText('- 1\n', 'problem.yaml')).message).toBe(
      'problem.yaml: expected a problem object (name, description, equations, initial, domain), got an array',
    );
  });

  it('an unknown symbol, with the nearest name', () => {
    expect(messageFor({ equations: { "y''": '-omga^2*y' } })).toBe(`problem.json: equations["y''"]: unknown symbol 'omga' (did you mean 'omega'?)`);
  });

  it('an unknown function, with the nearest name', () => {
    expect(messageFor({ equations: { "y''": '-omega^2*sinn(y)' } })).toBe(`problem.json: equations["y''"]: unknown function 'sinn' (did you mean 'sin'?)`);
  });

  it('a syntax error, with its position in the expression', () => {
    expect(messageFor({ equations: { "y''": '-omega^2*y +' } })).toBe(
      `problem.json: equations["y''"]: syntax error at character 13 of "-omega^2*y +": Unexpected end of expression`,
    );
    expect(messageFor({ equations: { "y''": "-omega^2*y' * * 2" } })).toBe(
      `problem.json: equations["y''"]: syntax error at character 15 of "-omega^2*y' * * 2": Value expected`,
    );
  });

  it('a parameter called like a function', () => {
    expect(messageFor({ equations: { "y''": '-omega(y + 1)' } })).toBe(
      `problem.json: equations["y''"]: 'omega' is not a function: write omega*(…) for a product, or omega alone for its value`,
    );
  });

  it('an unknown written as a function of time', () => {
    expect(messageFor({ equations: { "y''": '-omega^2*y(t)' } })).toBe(
      `problem.json: equations["y''"]: 'y' is not a function: write y*(…) for a product, or y alone for its value`,
    );
  });

  it('a missing initial value', () => {
    expect(messageFor({ initial: { y: 1 } })).toBe(`problem.json: initial["y'"]: missing; 'y' has order 2, so initial needs y, y' at t = 0`);
  });

  it('an extra initial value', () => {
    expect(messageFor({ initial: { y: 1, "y'": 0, "y''": 3 } })).toBe(
      `problem.json: initial["y''"]: not expected: 'y' has order 2, so initial takes y, y' only`,
    );
  });

  it('an initial value for something that is not an unknown', () => {
    expect(messageFor({ initial: { y: 1, "y'": 0, z: 3 } })).toBe(`problem.json: initial.z: 'z' is not an unknown (did you mean 'y'?); unknowns: y`);
  });

  it('a reversed domain', () => {
    expect(messageFor({ domain: [10, 0] })).toBe('problem.json: domain: start 10 is after end 0; write [0, 10]');
  });

  it('an empty domain', () => {
    expect(messageFor({ domain: [1, 1] })).toBe('problem.json: domain: start and end are both 1; the domain needs a positive length');
  });

  it('a domain that is not two numbers', () => {
    expect(messageFor({ domain: [0, 1, 2] })).toBe('problem.json: domain: expected [start, end], two numbers');
    expect(messageFor({ domain: [0, '2*pi'] })).toBe('problem.json: domain[1]: expected a finite number, got "2*pi"');
  });

  it('a non-numeric parameter', () => {
    expect(messageFor({ parameters: { omega: 'two' } })).toBe(
      'problem.json: parameters.omega: expected a number or an object { value, guess, learn }, got "two"',
    );
    expect(messageFor({ parameters: { omega: { value: '2' } } })).toBe('problem.json: parameters.omega.value: expected a finite number, got "2"');
  });

  it('a learned parameter without a starting point, and a known one without a value', () => {
    expect(messageFor({ parameters: { omega: { learn: true } } })).toBe(
      'problem.json: parameters.omega: a learned parameter needs a guess (or a value) to start from',
    );
    expect(messageFor({ parameters: { omega: { guess: 2 } } })).toBe(
      'problem.json: parameters.omega: a known parameter needs a value; for an inverse problem set learn: true and a guess',
    );
  });

  it('an unknown defined twice', () => {
    expect(messageFor({ equations: { "y''": '-omega^2*y', "y'": 'y' } })).toBe(
      `problem.json: equations["y'"]: 'y' is defined twice, by "y''" and "y'"; give one equation, for its highest derivative "y''"`,
    );
  });

  it('an equation for a derivative that is not the highest', () => {
    expect(messageFor({ equations: { "y'": "y''", "y''": '-omega^2*y' } })).toBe(
      `problem.json: equations["y'"]: 'y' is defined twice, by "y'" and "y''"; give one equation, for its highest derivative "y''"`,
    );
  });

  it('an equation key without primes', () => {
    expect(messageFor({ equations: { y: '-y' } })).toBe(
      `problem.json: equations.y: expected the highest derivative of an unknown, written with primes such as "y'"`,
    );
  });

  it('a right-hand side that uses a derivative at or above its order', () => {
    expect(messageFor({ equations: { "y''": "-omega^2*y''" } })).toBe(
      `problem.json: equations["y''"]: "y''" is at or above the order of 'y' (2); a right-hand side may use y, y'`,
    );
    expect(messageFor({ equations: { "y''": '-omega^2*y + x', "x'": "y'''" }, initial: { y: 1, "y'": 0, x: 0 } })).toBe(
      `problem.json: equations["x'"]: "y'''" is at or above the order of 'y' (2); a right-hand side may use y, y'`,
    );
  });

  it('a prime after something that is not a name', () => {
    expect(messageFor({ equations: { "y''": "-(omega*y)'" } })).toBe(`problem.json: equations["y''"]: a prime (') may only follow a name, as in y'`);
  });

  it('a parameter named like the independent variable', () => {
    expect(messageFor({ parameters: { omega: 2, t: 1 } })).toBe("problem.json: parameters.t: 't' is the independent variable; rename the parameter");
  });

  it('a parameter named like an unknown', () => {
    expect(messageFor({ parameters: { omega: 2, y: 1 } })).toBe(
      `problem.json: equations["y''"]: 'y' names both an unknown and a parameter; rename one of them`,
    );
  });

  it('an unknown named like the independent variable', () => {
    expect(messageFor({ independent: 'y' })).toBe(`problem.json: equations["y''"]: 'y' is the independent variable, not an unknown`);
  });

  it('a reserved name', () => {
    expect(messageFor({ parameters: { pi: 3 }, equations: { "y''": '-pi*y' } })).toBe(
      "problem.json: parameters.pi: 'pi' is reserved (a function, constant or word of the expression language); choose another name",
    );
  });

  it('an exact solution with an unknown symbol', () => {
    expect(messageFor({ exact: { y: 'cos(omga*t)' } })).toBe(`problem.json: exact.y: unknown symbol 'omga' (did you mean 'omega'?)`);
  });

  it('an exact solution that uses an unknown, or is given for something that is not one', () => {
    expect(messageFor({ exact: { y: "cos(omega*t) + y'" } })).toBe(
      `problem.json: exact.y: "y'" belongs to an unknown; a closed form may use only t, omega and constants`,
    );
    expect(messageFor({ exact: { x: 'cos(omega*t)' } })).toBe(`problem.json: exact.x: 'x' is not an unknown (did you mean 'y'?); unknowns: y`);
  });

  it('an invariant with an unknown symbol', () => {
    expect(messageFor({ invariants: { energy: "y'^2/2 + omga^2*y^2/2" } })).toBe(
      `problem.json: invariants.energy: unknown symbol 'omga' (did you mean 'omega'?)`,
    );
  });

  it('data for an unknown that does not exist', () => {
    expect(messageFor({ data: { t: [0, 1], z: [1, 2] } })).toBe(`problem.json: data.z: 'z' is not an unknown (did you mean 'y'?); unknowns: y`);
  });

  it('data series of unequal lengths, or with a non-finite point', () => {
    expect(messageFor({ data: { t: [0, 1], y: [1] } })).toBe('problem.json: data.y: has 1 values but data.t has 2 points');
    expect(refusal(() => parseProblem({ ...oscillator, data: { t: [0, 1], y: [1, Number.NaN] } }, 'problem.json')).message).toBe(
      'problem.json: data.y[1]: expected a finite number, got NaN',
    );
  });

  it('a missing field, and an unknown one with the nearest name', () => {
    const { domain: _, ...withoutDomain } = oscillator;
    expect(refusal(() => parseProblem(withoutDomain, 'problem.json')).message).toBe('problem.json: domain: missing (required)');
    expect(messageFor({ paramters: {} })).toBe(
      "problem.json: paramters: unknown field (did you mean 'parameters'?); expected one of name, description, source, independent, parameters, equations, initial, domain, exact, invariants, data",
    );
  });

  it('an expression given as a number', () => {
    expect(refusal(() => readProblemText("name: a\ndescription: d\nequations: { y': 1 }\ninitial: { y: 0 }\ndomain: [0, 1]\n", 'p.yaml')).message).toBe(
      `p.yaml: equations["y'"]: expected an expression as a string, got the number 1; quote it: "1"`,
    );
  });

  it('constructs outside arithmetic', () => {
    expect(messageFor({ equations: { "y''": 'y > 0 ? 1 : -1' } })).toBe(
      `problem.json: equations["y''"]: unsupported construct "(y > 0) ? 1 : (-1)"; an expression uses numbers, names, + - * / ^ and functions`,
    );
    // A construct whose text spans lines is quoted escaped, so the message stays one line.
    expect(messageFor({ equations: { "y''": 'y; y' } })).toBe(
      `problem.json: equations["y''"]: unsupported construct "y;\\ny"; an expression uses numbers, names, + - * / ^ and functions`,
    );
    expect(messageFor({ equations: { "y''": 'y mod 2' } })).toBe(
      `problem.json: equations["y''"]: unsupported operator 'mod'; use + - * / ^ and functions such as sin(…)`,
    );
    expect(messageFor({ equations: { "y''": 'atan2(y)' } })).toBe(`problem.json: equations["y''"]: atan2 takes 2 arguments, got 1`);
  });

  it('sizes over the limits, each named, before anything is compiled', () => {
    const unknowns = Array.from({ length: 65 }, (_, i) => `u${i}`);
    expect(
      messageFor({
        equations: Object.fromEntries(unknowns.map((name) => [`${name}'`, `-${name}`])),
        initial: Object.fromEntries(unknowns.map((name) => [name, 1])),
      }),
    ).toBe('problem.json: equations: 65 unknowns is over the limit of 64 unknowns per problem');
    // A key of 10^5 primes would otherwise allocate 10^5 state names of up to 10^5 characters each.
    expect(messageFor({ equations: { [`y${"'".repeat(100_000)}`]: '-y' } })).toMatch(
      /^problem\.json: equations\["y'{39}…"\]: order 100000 is over the limit of order 8 per unknown$/,
    );
    expect(messageFor({ equations: { "y''": `y${'+y'.repeat(5000)}` } })).toBe(
      `problem.json: equations["y''"]: longer than the limit of 10000 characters per expression`,
    );
    expect(messageFor({ parameters: { [`k${'k'.repeat(64)}`]: 1 } })).toBe(
      `problem.json: parameters["${'k'.repeat(40)}…"]: longer than the limit of 64 characters per name`,
    );
    expect(messageFor({ domain: [-1e308, 1e308] })).toBe('problem.json: domain: its length 1e+308 − (-1e+308) is not a finite number; give a shorter domain');
  });

  it('expressions nested deeper than the limit, however they nest', () => {
    const tooDeep = `problem.json: equations["y''"]: nested deeper than the limit of 256 levels (parentheses, calls and chained operators); simplify it`;
    // A chain of sums parses as nested pairs; calls and parentheses nest directly; far past the
    // limit mathjs's own recursion overflows first, and that is reported the same way.
    for (const deep of [`y${'+y'.repeat(300)}`, `${'sin('.repeat(300)}y${')'.repeat(300)}`, `${'('.repeat(4000)}y${')'.repeat(4000)}`]) {
      expect(messageFor({ equations: { "y''": deep } })).toBe(tooDeep);
    }
    expect(() => parseProblem({ ...oscillator, equations: { "y''": `y${'+y'.repeat(200)}` } }, 'problem.json')).not.toThrow();
  });
});
