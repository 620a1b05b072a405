import { readdirSync, readFileSync } from 'node:fs';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// One project per workspace package, named after the package, so
// `vitest run --project @quadrant/train` runs exactly that package's tests.
const projectDirectories = ['packages', 'apps', 'examples'].flatMap((group) =>
  readdirSync(group, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${group}/${entry.name}`),
);

export default defineConfig({
  // Sibling packages resolve to their src/ through the private source condition: no build needed to test.
  resolve: { conditions: ['@quadrant/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@quadrant/source', ...defaultServerConditions], externalConditions: ['@quadrant/source'] } },
  test: {
    projects: projectDirectories.map((root) => ({
      extends: true,
      test: {
        name: JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).name as string,
        root,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        setupFiles: [`${import.meta.dirname}/vitest.setup.ts`],
      },
    })),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
