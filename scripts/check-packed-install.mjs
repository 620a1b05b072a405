#!/usr/bin/env node
// Checks that every publishable package installs alone, as a user gets it from the registry:
// packs it (workspace: ranges become versions), installs the tarball with npm into an empty
// project (its @quadrant dependencies from their own tarballs, everything else from the
// registry), imports every entry point from plain Node, and type-checks a TypeScript
// consumer that imports every entry point. Run after `turbo run build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'quadrant-packed-'));
const tarballs = join(work, 'tarballs');
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const manifests = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);
const byName = new Map(manifests.map((entry) => [entry.manifest.name, entry]));

const tarballOf = new Map();
for (const { dir, manifest } of manifests) {
  const output = run('pnpm', ['pack', '--pack-destination', tarballs], dir).trim().split('\n');
  tarballOf.set(manifest.name, output[output.length - 1]);
}

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

let failures = 0;
for (const { manifest } of manifests) {
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
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);
    run('node', ['check.mjs'], project);
    run('node', [tsc, '-p', 'tsconfig.json'], project);
    console.log(`ok   ${manifest.name} (${entries.join(', ')})`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${manifest.name}\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`${manifests.length - failures} of ${manifests.length} packages install alone, import from Node and type-check`);
process.exit(failures > 0 ? 1 : 0);
