import { parseProblem, problemToFile } from '@quadrant/equations';
import { type Problem, QuadrantError } from '@quadrant/spec';

// Problems already found valid: the default registry's are checked once, not again by every
// registry that extends it. Weak, so a plugin's problems are not kept alive by this cache.
const checked = new WeakSet<object>();

const problemFields = [
  'name',
  'description',
  'source',
  'independent',
  'parameters',
  'unknowns',
  'equations',
  'initial',
  'domain',
  'exact',
  'invariants',
  'data',
] as const;

/**
 * Checks a plugin's problem the way a problem file is checked: it is written back as its
 * problem file and read again by `@quadrant/equations` (schema, names, symbols in every
 * expression), and what is read back must be the problem that was registered (so a field the
 * file cannot carry, such as an equation for a name that is not an unknown, is refused too).
 * Problems carry no spec version, so this is what stands between a plugin and a run.
 * @throws QuadrantError `PLUGIN_INVALID` naming the plugin, the problem and the field
 */
export function checkProblemEntry(problem: Problem, plugin: string): void {
  if (typeof problem === 'object' && problem !== null && checked.has(problem)) return;
  const where = `plugin '${plugin}': problem '${String((problem as { name?: unknown } | null)?.name)}'`;
  let readBack: Problem;
  try {
    readBack = parseProblem(problemToFile(problem), where);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseProblem's messages already start with `where`; anything else (a missing field that
    // problemToFile tripped over) gets it in front.
    const text = message.startsWith(where) ? message : `${where}: not a valid problem (${message.split('\n')[0]})`;
    throw new QuadrantError('PLUGIN_INVALID', text, { cause: error });
  }
  const differing = problemFields.find((field) => canonical(readBack[field]) !== canonical(problem[field]));
  if (differing !== undefined) {
    throw new QuadrantError(
      'PLUGIN_INVALID',
      `${where}: ${differing} does not agree with the rest of the problem (read back from its own problem file it is ${canonical(readBack[differing])}, registered as ${canonical(problem[differing])}); build the problem with defineProblem from @quadrant/equations`,
    );
  }
  checked.add(problem);
}

/** JSON with object keys sorted, so that two values equal field by field compare equal as text. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'object' && item !== null && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : item,
    ) ?? 'undefined'
  );
}
