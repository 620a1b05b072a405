import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';

// Hostile variations of structured input files (problem, suite and settings files), shared by
// the tests that feed them to the CLI. Each variation is data that fast-check generates and
// shrinks; `writeMutated` turns it into the file's text.

// Stands for a value nested `depth` levels deep, written into the text after serialising.
const nestMarker = 'nested-marker-7f3a';

/** Expressions that do not parse, name nothing known, nest too deep, or evaluate to NaN or ∞. */
const hostileExpressions = [
  '1/0',
  '0/0',
  'log(-1)',
  'y^1e308',
  '1e999',
  'sqrt(-1)',
  'exp(1000)',
  'acosh(0)',
  'y/0',
  '-1e308*1e308',
  'pow(y, 1e308)',
  'atanh(1)',
  "y'",
  "y''''",
  "t'",
  "x'",
  "(y)'",
  '',
  ' ',
  '\n',
  '\t',
  'y # comment',
  '2 y',
  '2y',
  'y!',
  'y%',
  '5 cm',
  'y to cm',
  'i',
  'e',
  'pi',
  'Infinity',
  'NaN',
  'true',
  'null',
  'undefined',
  '1 ? 2 : 3',
  '[1, 2]',
  'y == 1',
  'y > 1',
  'a.b',
  'y[0]',
  'matrix()',
  'f(x) = x',
  'x = 1',
  'y; y',
  'sin',
  'sin()',
  'sin(y, y)',
  'import("fs")',
  'constructor',
  '__proto__',
  'toString',
  'у',
  'ｙ',
  'y\u200b',
  '\u202ey',
  '$y',
  'y$',
  `y${'+y'.repeat(4000)}`,
  `${'('.repeat(300)}y${')'.repeat(300)}`,
  `${'sin('.repeat(1000)}y${')'.repeat(1000)}`,
  'y'.repeat(20_000),
  `${'-'.repeat(500)}y`,
];

const hostileKeys = [
  "y'",
  "y''",
  'y',
  'Y',
  'z',
  "z'",
  'у',
  "у'",
  'y’',
  'y′',
  "y' ",
  " y'",
  "y''''''''''",
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  't',
  "t'",
  'pi',
  'e',
  'sin',
  '',
  "'",
  "''",
  'y\u0000',
  '0',
  '1e3',
  'k',
  'omega',
  'domain',
  'name',
  'equations',
  '🙂',
  'é',
  'x'.repeat(300),
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -0,
    1e308,
    -1e308,
    5e-324,
    2 ** 53 + 2,
    -1,
    1e-9,
    '',
    ' ',
    '1',
    'NaN',
    'Infinity',
    '1e999',
    [],
    {},
    [1],
    [1, 2, 3],
    [5, 0],
    [0, 0],
    [0, 1e308],
    [-1e308, 1e308],
    [0, 5e-324],
    { value: 1 },
    { learn: true },
    { guess: 1, learn: true },
    { y: 1 },
    { "y'": '-y' },
    { t: [] },
    { t: [0], y: [] },
    1e9,
    1e5,
    4097,
    65,
    10_000_001,
    'mpl',
    'pinns',
    'solver',
    "y'",
    'у',
    'y\u200b',
    'ｙ',
    '𝑦',
    'y\u0301',
    '\u202ey',
    '\uFEFF',
    '你好',
    '🙂',
    '__proto__',
    nestMarker,
  ),
  fc.constantFrom(...hostileExpressions),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

type Path = (string | number)[];

/** Every path into a JSON value (the root excluded), parents before children. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(inner, path)];
  });
}

/** The object or array that holds the last key of `path`; undefined when the path leads through something else. */
function containerAt(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : undefined;
}

// defineProperty, so a key such as __proto__ becomes an own field as JSON.parse would make it.
const put = (target: Record<string | number, unknown>, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete'), at: fc.nat() }),
  fc.record({ kind: fc.constant('set'), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('add'), at: fc.nat(), key: fc.oneof(fc.constantFrom(...hostileKeys), fc.string({ maxLength: 8 })), value: hostileValue }),
  fc.record({ kind: fc.constant('rename'), at: fc.nat(), key: fc.constantFrom(...hostileKeys) }),
  fc.record({ kind: fc.constant('expression'), at: fc.nat(), value: fc.constantFrom(...hostileExpressions) }),
);

const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('none') }),
  fc.record({ kind: fc.constant('truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('insert'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      '"',
      "'",
      ':',
      ',',
      '\\',
      '\u0000',
      '\uFEFF',
      '\n',
      '\t',
      '- ',
      '&a',
      '*a',
      '!!binary',
      '---\n',
      '#',
      '🙂',
      '\ud800',
    ),
  }),
  fc.record({ kind: fc.constant('duplicate-key') }),
  fc.record({ kind: fc.constant('bom') }),
);

/** A structured file (JSON or YAML) made from one of `bases` by 1–3 changes to its values and keys, then perhaps one to its text. */
export function mutatedFile(bases: readonly Record<string, unknown>[]) {
  return fc.record({
    base: fc.constantFrom(...bases),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
    format: fc.constantFrom('json', 'yaml'),
    text: textMutation,
    // Deeper (10^5 levels) takes ~0.5 s to read: a single case of the problem-file test, too slow for thousands.
    depth: fc.constantFrom(50, 5_000),
  });
}

/** What {@link mutatedFile} generates. */
export type MutatedFile = ReturnType<typeof mutatedFile> extends fc.Arbitrary<infer T> ? T : never;

/** The text of a mutated file and its extension. */
export function writeMutated({ base, mutations, format, text, depth }: MutatedFile): { content: string; extension: string } {
  const file = structuredClone(base);
  for (const change of mutations) {
    const paths = pathsOf(file);
    const path = paths[change.at % paths.length]!;
    const container = containerAt(file, path);
    if (container === undefined) continue;
    const key = path.at(-1)!;
    // Values are cloned as they go in: a later mutation may change them, and they belong to fast-check.
    if (change.kind === 'delete') delete container[key];
    else if (change.kind === 'set') put(container, key, structuredClone(change.value));
    else if (change.kind === 'add') put(containerAt(file, [...path, '']) ?? container, change.key, structuredClone(change.value));
    else if (change.kind === 'rename') {
      const value = container[key];
      delete container[key];
      put(container, change.key, value);
    } else {
      // An expression, a name or any other string of the file replaced by a hostile expression.
      const strings = paths.filter((candidate) => typeof containerAt(file, candidate)?.[candidate.at(-1)!] === 'string');
      const target = strings[change.at % Math.max(1, strings.length)];
      if (target !== undefined) put(containerAt(file, target)!, target.at(-1)!, change.value);
    }
  }
  // Pretty-printed JSON when a character is inserted, so it lands on lines of their own as often as inside one.
  let content = format === 'json' ? JSON.stringify(file, null, text.kind === 'insert' ? 2 : undefined) : toYaml(file);
  const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  content = content.replaceAll(`"${nestMarker}"`, nested).replaceAll(nestMarker, nested);
  const at = (fraction: number) => Math.floor(fraction * content.length);
  if (text.kind === 'truncate') content = content.slice(0, at(text.at));
  else if (text.kind === 'insert') content = content.slice(0, at(text.at)) + text.text + content.slice(at(text.at));
  else if (text.kind === 'duplicate-key') content = format === 'json' ? content.replace('{', '{"name": "again", ') : `${content}name: again\n`;
  else if (text.kind === 'bom') content = `\uFEFF${content}`;
  return { content, extension: format === 'json' ? '.json' : '.yaml' };
}
