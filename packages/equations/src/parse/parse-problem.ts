import { didYouMean, type Problem, type ProblemParameter, type ProblemUnknown } from '@quadrant/spec';
import { type ParsedProblemFile, problemFileSchema, problemLimits } from '../schema/problem-file-schema.ts';
import { describeIssue } from './describe-issue.ts';
import { problemScope } from './expression-scope.ts';
import { invalidProblem, problemWhere } from './invalid-problem.ts';
import { namePattern, reservedNames } from './math-functions.ts';
import { parseExpression } from './parse-expression.ts';
import { splitPrimes, stateNames } from './prime-notation.ts';

const parameterFields = ['value', 'guess', 'learn', 'range'];

/**
 * Validates a problem file already read into a plain value (from JSON, YAML or code) and
 * returns the Problem every consumer trusts.
 * @param raw - the file's content
 * @param origin - where it came from (a path, `library:<name>`), the front of every message
 * @throws QuadrantError `PROBLEM_INVALID` with the message `origin: field: cause`, e.g.
 *   `problem.json: equations["y''"]: unknown symbol 'omga' (did you mean 'omega'?)`
 */
export function parseProblem(raw: unknown, origin: string): Problem {
  const parsed = problemFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // An unknown field goes first: a misspelt field name is often why other checks fail.
    const issues = parsed.error.issues;
    const first = issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0]!;
    const { path, cause } = describeIssue(first, (at) => (at.length === 0 ? Object.keys(problemFileSchema.shape) : parameterFields));
    throw invalidProblem(problemWhere(origin, path), cause, { cause: parsed.error });
  }
  return checkProblem(parsed.data, origin);
}

function checkProblem(file: ParsedProblemFile, origin: string): Problem {
  const where = (...path: PropertyKey[]) => problemWhere(origin, path);
  const { independent } = file;
  if (reservedNames.has(independent)) throw invalidProblem(where('independent'), reserved(independent));

  const parameters: Record<string, ProblemParameter> = {};
  for (const [name, parameter] of Object.entries(file.parameters)) {
    checkName(name, where('parameters', name));
    if (name === independent) throw invalidProblem(where('parameters', name), `'${name}' is the independent variable; rename the parameter`);
    if (typeof parameter === 'number') parameters[name] = { value: parameter, guess: parameter, learn: false };
    else if (parameter.range === undefined)
      parameters[name] = { value: parameter.value, guess: (parameter.guess ?? parameter.value)!, learn: parameter.learn ?? false };
    else {
      const [low, high] = parameter.range;
      const guess = parameter.guess ?? parameter.value ?? (low + high) / 2;
      parameters[name] = { value: parameter.value, guess, learn: parameter.learn ?? false, range: [low, high] };
    }
  }

  const unknowns: ProblemUnknown[] = [];
  const keys = new Map<string, string>();
  for (const key of Object.keys(file.equations)) {
    const split = splitPrimes(key);
    if (split === undefined || split.order === 0) {
      const hint = split === undefined ? '' : ` such as "${key}'"`;
      throw invalidProblem(where('equations', key), `expected the highest derivative of an unknown, written with primes${hint}`);
    }
    const { name, order } = split;
    checkName(name, where('equations', key));
    if (name === independent) throw invalidProblem(where('equations', key), `'${name}' is the independent variable, not an unknown`);
    if (Object.hasOwn(parameters, name)) {
      throw invalidProblem(where('equations', key), `'${name}' names both an unknown and a parameter; rename one of them`);
    }
    const previous = keys.get(name);
    if (previous !== undefined) {
      const lower = previous.length < key.length ? previous : key;
      const higher = lower === key ? previous : key;
      throw invalidProblem(
        where('equations', lower),
        `'${name}' is defined twice, by "${previous}" and "${key}"; give one equation, for its highest derivative "${higher}"`,
      );
    }
    keys.set(name, key);
    unknowns.push({ name, order });
  }
  const names = unknowns.map((unknown) => unknown.name);
  const state = stateNames(unknowns);

  const initial: Record<string, number[]> = {};
  const initialRanges: Record<string, readonly [number, number]> = {};
  for (const { name, order } of unknowns) {
    const needed = state.filter((symbol) => splitPrimes(symbol)?.name === name);
    initial[name] = needed.map((symbol) => {
      const value = Object.hasOwn(file.initial, symbol) ? file.initial[symbol] : undefined;
      if (value === undefined) {
        const list = needed.join(', ');
        throw invalidProblem(where('initial', symbol), `missing; '${name}' has order ${order}, so initial needs ${list} at ${independent} = ${file.domain[0]}`);
      }
      if (typeof value === 'number') return value;
      const [low, high] = value.range;
      initialRanges[symbol] = [low, high];
      return (low + high) / 2;
    });
  }
  for (const key of Object.keys(file.initial)) {
    if (state.includes(key)) continue;
    const split = splitPrimes(key);
    const unknown = unknowns.find((candidate) => candidate.name === split?.name);
    const cause =
      unknown === undefined
        ? `'${key}' is not an unknown${didYouMean(key, state)}; unknowns: ${names.join(', ')}`
        : `not expected: '${unknown.name}' has order ${unknown.order}, so initial takes ${state.filter((symbol) => splitPrimes(symbol)?.name === unknown.name).join(', ')} only`;
    throw invalidProblem(where('initial', key), cause);
  }

  const shape = { independent, parameters, unknowns };
  const equationScope = problemScope(shape, 'equation');
  const equations: Record<string, string> = {};
  for (const [key, rhs] of Object.entries(file.equations)) {
    parseExpression(rhs, where('equations', key), equationScope);
    equations[splitPrimes(key)!.name] = rhs;
  }
  if (file.exact !== undefined) {
    const exactScope = problemScope(shape, 'exact');
    for (const [key, expression] of Object.entries(file.exact)) {
      if (!names.includes(key)) throw invalidProblem(where('exact', key), notAnUnknown(key, names));
      parseExpression(expression, where('exact', key), exactScope);
    }
  }
  if (file.invariants !== undefined) {
    const invariantScope = problemScope(shape, 'invariant');
    for (const [key, expression] of Object.entries(file.invariants)) parseExpression(expression, where('invariants', key), invariantScope);
  }

  let data: Problem['data'];
  if (file.data !== undefined) {
    const { t, ...values } = file.data;
    if (names.includes('t')) {
      throw invalidProblem(where('data'), "the key 't' holds the points, so an unknown named 't' cannot be observed; rename the unknown");
    }
    for (const key of Object.keys(values)) if (!names.includes(key)) throw invalidProblem(where('data', key), notAnUnknown(key, names));
    data = { t, values };
  }

  return {
    name: file.name,
    description: file.description,
    source: file.source,
    independent,
    parameters,
    unknowns,
    equations,
    initial,
    ...(Object.keys(initialRanges).length === 0 ? {} : { initialRanges }),
    domain: file.domain,
    exact: file.exact,
    invariants: file.invariants,
    data,
    origin,
  };
}

function checkName(name: string, where: string): void {
  if (name.length > problemLimits.nameLength) throw invalidProblem(where, `longer than the limit of ${problemLimits.nameLength} characters per name`);
  if (!namePattern.test(name)) throw invalidProblem(where, `'${name}' is not a name: use a letter, then letters, digits or '_'`);
  if (reservedNames.has(name)) throw invalidProblem(where, reserved(name));
}

function reserved(name: string): string {
  return `'${name}' is reserved (a function, constant or word of the expression language); choose another name`;
}

function notAnUnknown(key: string, names: readonly string[]): string {
  return `'${key}' is not an unknown${didYouMean(key, names)}; unknowns: ${names.join(', ')}`;
}
