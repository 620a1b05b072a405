import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exponentialDecay } from '@quadrant/equations';
import { QuadrantError, type QuadrantErrorCode } from '@quadrant/spec';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from '../training/train.ts';
import { loadModel } from './load-model.ts';
import { modelFiles, saveModel } from './save-model.ts';

/** What a damaged model file may be refused with: the codes the CLI answers with exit 2. */
const inputCodes = new Set<QuadrantErrorCode>([
  'ARTEFACT_INVALID',
  'PROBLEM_INVALID',
  'OPTIONS_INVALID',
  'CONFIG_INVALID',
  'NO_SUCH_ENTRY',
  'JETS_UNSUPPORTED',
]);
type File = (typeof modelFiles)[number];

const base = await mkdtemp(join(tmpdir(), 'quadrant-fuzz-'));
afterAll(() => rm(base, { recursive: true, force: true }));

/** Every path to a value inside a JSON document. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...at, key]))];
}

/** `document` with the value at `path` replaced (or removed, for `undefined`). */
function replaced(document: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

it('a saved model with one file mutated (10^3 times) loads or is refused with an input error, never anything else', async () => {
  const source = join(base, 'source');
  const result = await train(
    exponentialDecay,
    resolveSettings(
      undefined,
      { epochs: 3, architecture: { options: { hidden: [4] } }, sampler: { name: 'grid', options: { points: 8 } }, optimisers: [{ name: 'adam', options: {} }] },
      defaultRegistry,
    ),
    { registry: defaultRegistry },
  );
  await saveModel(result.model, source, result);
  result.model.dispose();
  const texts = Object.fromEntries(await Promise.all(modelFiles.map(async (file) => [file, await readFile(join(source, file), 'utf8')] as const))) as Record<
    File,
    string
  >;
  const documents = Object.fromEntries(modelFiles.map((file) => [file, JSON.parse(texts[file])])) as Record<File, unknown>;
  const target = join(base, 'mutated');

  const textMutation = fc.oneof(
    fc.nat().map((at) => (text: string) => text.slice(0, at % text.length)),
    fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(
      ([at, inserted]) =>
        (text: string) =>
          text.slice(0, at % text.length) + inserted + text.slice((at % text.length) + 1),
    ),
  );
  const jsonMutation = fc
    .tuple(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constantFrom(0, -1, 1e9, 2 ** 53, 0.5, '', 'mlp', null)))
    .map(([at, value]) => (document: unknown) => {
      const all = paths(document);
      // Removing the root removes the file.
      return JSON.stringify(replaced(document, all[at % all.length]!, value)) as string | undefined;
    });
  const mutation = fc.tuple(
    fc.constantFrom(...modelFiles),
    fc.oneof(
      textMutation.map((change) => ({ text: change })),
      jsonMutation.map((change) => ({ json: change })),
    ),
  );

  const loaded = { models: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(mutation, async ([file, change]) => {
      const content = 'text' in change ? change.text(texts[file]) : change.json(documents[file]);
      await rm(target, { recursive: true, force: true });
      await saveFiles(target, { ...texts, [file]: content });
      try {
        const model = await loadModel(target, defaultRegistry);
        model.dispose();
        loaded.models++;
      } catch (error) {
        if (!QuadrantError.isInstance(error) || !inputCodes.has(error.code)) throw error;
        expect(error.message).not.toContain('\n');
        loaded.refused++;
      }
    }),
    { numRuns: 1000, seed: 20250101 },
  );
  // Both outcomes occur: the mutations reach past the first check.
  expect(loaded.models).toBeGreaterThan(50);
  expect(loaded.refused).toBeGreaterThan(300);
}, 60_000);

async function saveFiles(dir: string, contents: Record<File, string | undefined>): Promise<void> {
  await mkdir(dir);
  for (const file of modelFiles) if (contents[file] !== undefined) await writeFile(join(dir, file), contents[file]);
}
