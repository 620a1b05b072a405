import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The browser builds of vega, vega-lite and vega-embed (in that order: each expects the one
 * before as a global), read from the installed packages so the page needs no network. Their
 * `exports` maps hide `build/`, so each is found beside the package's resolved entry, which
 * sits in that same folder.
 */
export function chartLibraryScripts(): string[] {
  return [
    ['vega', 'vega.min.js'],
    ['vega-lite', 'vega-lite.min.js'],
    ['vega-embed', 'vega-embed.min.js'],
  ].map(([name, file]) => readFileSync(join(dirname(require.resolve(name!)), file!), 'utf8'));
}
