import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// One project per workspace package, named after the package, so
// `vitest run --project @quadrant/train` runs exactly that package's tests.
// Paths are absolute so every package's `test` script (run from its own directory) finds them.
const repositoryRoot = import.meta.dirname;
const projectDirectories = ['packages', 'apps', 'examples'].flatMap((group) =>
  readdirSync(join(repositoryRoot, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(repositoryRoot, group, entry.name)),
);

// A soak test (`*-soak.test.ts`) reads the memory of its process, so its package runs each test
// file in a process of its own. The other packages' files share their worker's process and the
// modules it has loaded (tfjs among them, 1–2 s a file otherwise): each package's test files then
// take about a third of the time (`pnpm vitest run --project @quadrant/equations` with and without
// `--no-isolate`: 47 s and 15 s on two busy cores). Sharing a process means a test file must
// leave module state as it found it: a conformance kit hands plug-ins copies of its fixtures, not
// the module's own (`vitest run --project <name> --maxWorkers=1 --sequence.shuffle.files
// --sequence.seed=<n>` runs one package's files in one process, in another order for each seed).
const hasSoakTest = (root: string) =>
  ['src', 'test'].some(
    (folder) =>
      existsSync(join(root, folder)) && readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).some((file) => file.endsWith('-soak.test.ts')),
  );

export default defineConfig({
  // Report paths such as `--outputFile.json=packages/x/.vitest/results.json` resolve from here.
  root: repositoryRoot,
  // Sibling packages resolve to their src/ through the private source condition: no build needed to test.
  resolve: { conditions: ['@quadrant/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@quadrant/source', ...defaultServerConditions], externalConditions: ['@quadrant/source'] } },
  test: {
    projects: projectDirectories.map((root) => ({
      extends: true,
      test: {
        name: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name as string,
        root,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        setupFiles: [join(repositoryRoot, 'vitest.setup.ts')],
        isolate: hasSoakTest(root),
        // Type tests (`*.test-d.ts`, expectTypeOf) run with every `vitest run`: tsc checks them, nothing executes them.
        typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: join(repositoryRoot, 'tsconfig.type-tests.json') },
      },
    })),
    // Soak tests read memory after a full collection (globalThis.gc), so garbage not yet collected does not pass for a leak.
    execArgv: ['--expose-gc'],
    // A timeout catches a hang, never slowness: the longest test (the article preset's 10^4 SGD
    // epochs) takes ~51 s beside another test file on two idle cores, and ran past 120 s when a
    // third process kept a core busy. Speed is measured by `pnpm bench`.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // One test file per core. Vitest's default keeps a core for itself (cores − 1), which on a
    // two-core machine runs the files one at a time while the main process sits nearly idle.
    maxWorkers: availableParallelism(),
  },
});
