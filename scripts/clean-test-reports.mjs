#!/usr/bin/env node
// Removes last run's vitest reports so the summary reads only this run's (turbo restores a
// cached package's report from its cache, so cached packages still count).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
for (const group of ['packages', 'apps', 'examples']) {
  if (!existsSync(join(root, group))) continue;
  for (const name of readdirSync(join(root, group))) rmSync(join(root, group, name, '.vitest'), { recursive: true, force: true });
}
