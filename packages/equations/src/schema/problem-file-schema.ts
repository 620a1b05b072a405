import { z } from 'zod';
import { namePattern } from '../parse/math-functions.ts';

/** A finite number (zod 4 refuses NaN and ±Infinity). */
const finite = z.number();

/**
 * A box side `[low, high]`, low < high: the values a bundle (a solution for every value in
 * the box, trained once) takes a parameter or an initial value over.
 */
export const rangeSchema = z
  .tuple([finite, finite], { error: (issue) => (issue.code === 'too_big' || issue.code === 'too_small' ? 'expected [low, high], two numbers' : undefined) })
  .superRefine(([low, high], context) => {
    if (!(low < high)) context.addIssue({ code: 'custom', message: `expected low < high, got [${low}, ${high}]` });
  });

/**
 * A parameter: a number (known), or `{ value?, guess?, learn?, range? }`. A parameter with
 * `learn: true` is estimated in training from `guess` (or `value` when no guess is given);
 * its `value`, when given, is the truth used for the reference and to score the estimate.
 * A parameter with `range: [low, high]` is an input of a bundle: one training solves for every
 * value in the range; its `value` (else the range's middle) is the one a single run uses.
 */
export const parameterSchema = z.union([
  finite,
  z
    .strictObject({
      value: finite.optional(),
      guess: finite.optional(),
      learn: z.boolean().optional(),
      range: rangeSchema.optional(),
    })
    .superRefine((parameter, context) => {
      if (parameter.range !== undefined) {
        const [low, high] = parameter.range;
        for (const field of ['value', 'guess'] as const) {
          const value = parameter[field];
          if (value !== undefined && !(value >= low && value <= high)) {
            context.addIssue({ code: 'custom', path: [field], message: `${value} is outside the range [${low}, ${high}]` });
          }
        }
        return;
      }
      if (parameter.learn === true && parameter.value === undefined && parameter.guess === undefined) {
        context.addIssue({ code: 'custom', message: 'a learned parameter needs a guess (or a value) to start from' });
      }
      if (parameter.learn !== true && parameter.value === undefined) {
        context.addIssue({ code: 'custom', message: 'a known parameter needs a value; for an inverse problem set learn: true and a guess' });
      }
    }),
]);

/**
 * Sizes a problem file may not exceed, refused by the schema before anything is compiled or
 * allocated. Far above any hand-written ODE (the library's largest has 3 unknowns of order ≤ 2
 * and expressions under 100 characters), far below what exhausts memory: the state has at most
 * `unknowns × order` components, and every stage that walks an expression is bounded by its length.
 */
export const problemLimits = {
  /** Unknowns, i.e. equations. */
  unknowns: 64,
  /** Highest derivative of one unknown (primes in its equation's key). */
  order: 8,
  /** Characters of one expression. */
  expressionLength: 10_000,
  /** Characters of the name of a parameter, unknown or the independent variable (messages quote names). */
  nameLength: 64,
  /** Observations in `data.t` (the same bound as collocation points). */
  observations: 1_000_000,
} as const;

const nameTooLong = `longer than the limit of ${problemLimits.nameLength} characters per name`;

/**
 * A key that names something (`k`, `y`, `y''`): a name, with up to `order` primes. An equation's
 * key is checked for its order first, and its name after the schema, where names are checked.
 */
const nameKey = z.string().max(problemLimits.nameLength + problemLimits.order, nameTooLong);

/** An expression in mathjs syntax with prime notation for derivatives (`-omega^2*y - c*y'`). */
const expression = z.string().max(problemLimits.expressionLength, `longer than the limit of ${problemLimits.expressionLength} characters per expression`);

/**
 * The problem file (JSON, YAML, or a TypeScript object given to `defineProblem`): DESIGN.md
 * contract 1. This schema checks structure; names and expressions are checked against each
 * other after it by `parseProblem`.
 */
export const problemFileSchema = z.strictObject({
  /** Kebab-case name, e.g. `damped-oscillator`. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected a name of letters, digits, '-', '_' or '.', e.g. 'my-problem'"),
  /** One line saying what the problem is; optional, since a file's equations already say it. */
  description: z.string().default(''),
  /** Where the problem comes from (a book, an article, a URL). */
  source: z.string().optional(),
  /** Name of the independent variable; `t` unless given. */
  independent: z.string().max(problemLimits.nameLength, nameTooLong).regex(namePattern, "expected a name: a letter, then letters, digits or '_'").default('t'),
  /** Constants of the equations by name. */
  parameters: z.record(nameKey, parameterSchema).default({}),
  /** One entry per unknown: its highest derivative (`"y''"`) → the right-hand side. Declaration order is output order. */
  equations: z.record(z.string(), expression).superRefine((equations, context) => {
    const keys = Object.keys(equations);
    if (keys.length === 0) context.addIssue({ code: 'custom', message: `expected at least one equation, e.g. { "y'": "-k*y" }` });
    if (keys.length > problemLimits.unknowns) {
      context.addIssue({ code: 'custom', message: `${keys.length} unknowns is over the limit of ${problemLimits.unknowns} unknowns per problem` });
    }
    for (const key of keys) {
      const order = /'*$/.exec(key)![0].length;
      if (order > problemLimits.order) {
        context.addIssue({ code: 'custom', path: [key], message: `order ${order} is over the limit of order ${problemLimits.order} per unknown` });
      }
    }
  }),
  /**
   * Values at the domain's start of every unknown and every derivative below its order (`y`, `y'`);
   * `{ range: [low, high] }` makes one an input of a bundle, like a parameter's range.
   */
  initial: z.record(nameKey, z.union([finite, z.strictObject({ range: rangeSchema })])),
  /** The training domain [start, end] of the independent variable, start < end. */
  domain: z
    .tuple([finite, finite], {
      error: (issue) => (issue.code === 'too_big' || issue.code === 'too_small' ? 'expected [start, end], two numbers' : undefined),
    })
    .superRefine(([start, end], context) => {
      if (start > end) context.addIssue({ code: 'custom', message: `start ${start} is after end ${end}; write [${end}, ${start}]` });
      else if (start === end) context.addIssue({ code: 'custom', message: `start and end are both ${start}; the domain needs a positive length` });
      else if (!Number.isFinite(end - start))
        context.addIssue({ code: 'custom', message: `its length ${end} − (${start}) is not a finite number; give a shorter domain` });
    }),
  /** Closed-form solutions per unknown, in the independent variable and the parameters. */
  exact: z.record(nameKey, expression).optional(),
  /** Named expressions conserved along solutions (an energy), in the same symbols as the equations. */
  invariants: z.record(nameKey, expression).optional(),
  /** Observations: points `t` and one series per observed unknown, all of one length. */
  data: z
    .object({
      t: z
        .array(finite)
        .min(1, 'expected at least one point')
        .max(problemLimits.observations, `more than the limit of ${problemLimits.observations} observations`),
    })
    .catchall(z.array(finite))
    .superRefine((data, context) => {
      const series = Object.entries(data).filter(([key]) => key !== 't');
      if (series.length === 0) {
        context.addIssue({ code: 'custom', message: 'no observations; add one series per observed unknown, e.g. "y": [...]' });
      }
      for (const [key, values] of series) {
        if (key.length > problemLimits.nameLength) context.addIssue({ code: 'custom', path: [key], message: nameTooLong });
        else if (values.length !== data.t.length) {
          context.addIssue({ code: 'custom', path: [key], message: `has ${values.length} values but data.t has ${data.t.length} points` });
        }
      }
    })
    .optional(),
});

/** A problem file as written (JSON, YAML or a TypeScript object): the input type of the schema. */
export type ProblemFile = z.input<typeof problemFileSchema>;

/** A problem file after the schema: defaults filled in. */
export type ParsedProblemFile = z.output<typeof problemFileSchema>;
