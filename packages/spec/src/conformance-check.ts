/**
 * One named check of a conformance kit: a plain async function that throws on failure, so
 * a kit needs no test runner (`for (const c of kit) it(c.name, c.run)` in vitest, or a CLI).
 */
export interface ConformanceCheck {
  readonly name: string;
  run(): Promise<void>;
}

/** What a kit's messages say of its family's entries (see {@link checkDeclaration}). */
export interface DeclarationWording {
  /** The family's noun and its define helper: `the solver with defineSolver`. */
  readonly declare: string;
  /** Where users type the name: `(--solver)`, `in a run's settings`. */
  readonly typed: string;
  /** A name to show as an example of kebab-case. */
  readonly example: string;
  /** What the description should say, in one line: `what the method is`. */
  readonly describe: string;
}

/**
 * The first check of every conformance kit: the entry declares spec v1, a kebab-case name (what
 * users type) and a description (what `quadrant list` shows).
 * @throws Error naming the entry and what to change
 */
export function checkDeclaration(
  entry: { readonly specVersion: unknown; readonly name: string; readonly description: string },
  wording: DeclarationWording,
): void {
  const { name } = entry;
  if (entry.specVersion !== 'v1') throw new Error(`${name}: specVersion is '${String(entry.specVersion)}', expected 'v1' (declare ${wording.declare})`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
    throw new Error(`${name}: the name is what users type ${wording.typed}: use kebab-case, e.g. '${wording.example}'`);
  if (entry.description.trim() === '') throw new Error(`${name}: the description is empty; say in one line ${wording.describe} (quadrant list shows it)`);
}
