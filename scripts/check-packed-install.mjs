#!/usr/bin/env node
// Checks that every publishable package installs alone, as a user gets it from the registry:
// packs it (workspace: ranges become versions), installs the tarball with npm into an empty
// project (its @quadrant dependencies from their own tarballs, everything else from the
// registry), imports every entry point from plain Node, and type-checks a TypeScript
// consumer that imports every entry point. Run after `turbo run build`.
// The packages are packed and checked side by side: each check waits mostly on npm and the
// registry, so running them one after another left the machine idle most of the time.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'quadrant-packed-'));
const tarballs = join(work, 'tarballs');
const run = promisify(execFile);

const manifests = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);
const byName = new Map(manifests.map((entry) => [entry.manifest.name, entry]));

const tarballOf = new Map(
  await Promise.all(
    manifests.map(async ({ dir, manifest }) => {
      const output = (await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir })).stdout.trim().split('\n');
      return [manifest.name, output[output.length - 1]];
    }),
  ),
);

/** The package and every @quadrant package it needs, transitively. */
function closure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const { manifest } = byName.get(name);
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) if (byName.has(dep)) closure(dep, seen);
  return seen;
}

/** Entry points from the exports map: '.', './tensor'… (not './package.json'). */
const entryPoints = (manifest) =>
  Object.keys(manifest.exports ?? { '.': null })
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));

/** Installs one package alone from its tarball, imports and type-checks it; the line to print for it. */
async function check(manifest) {
  const project = join(work, manifest.name.replace('/', '__'));
  const local = Object.fromEntries([...closure(manifest.name)].map((name) => [name, `file:${tarballOf.get(name)}`]));
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { [manifest.name]: local[manifest.name] }, overrides: local }, null, 2),
  );
  const entries = entryPoints(manifest);
  writeFileSync(
    join(project, 'check.mjs'),
    entries
      .map((entry, i) => `const m${i} = await import('${entry}'); if (Object.keys(m${i}).length === 0) throw new Error('${entry} exports nothing');`)
      .join('\n') + "\nconsole.log('imported');\n",
  );
  writeFileSync(
    join(project, 'consumer.ts'),
    entries.map((entry, i) => `import * as m${i} from '${entry}';\nexport const k${i}: string[] = Object.keys(m${i});`).join('\n') + '\n',
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false },
      files: ['consumer.ts'],
    }),
  );
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
    await run('node', ['check.mjs'], { cwd: project });
    await run('node', [tsc, '-p', 'tsconfig.json'], { cwd: project });
    return { ok: true, line: `ok   ${manifest.name} (${entries.join(', ')})` };
  } catch (error) {
    return { ok: false, line: `FAIL ${manifest.name}\n${error.stdout ?? ''}${error.stderr ?? error.message}` };
  } finally {
    // Deleting a consumer's node_modules takes as long as a check on a busy disk: do it while the others run.
    await rm(project, { recursive: true, force: true });
  }
}

const outcomes = await Promise.all(manifests.map(({ manifest }) => check(manifest)));
for (const { line } of outcomes) console.log(line);
const failures = outcomes.filter(({ ok }) => !ok).length;
rmSync(work, { recursive: true, force: true });
console.log(`${manifests.length - failures} of ${manifests.length} packages install alone, import from Node and type-check`);
process.exit(failures > 0 ? 1 : 0);
