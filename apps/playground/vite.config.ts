import { defaultClientConditions, defineConfig } from 'vite';

// A static site: every asset (scripts, the worker, tfjs-wasm's .wasm files) lands in dist/ with
// relative URLs, so the folder opens from any static server, under any path, with no network.
export default defineConfig({
  base: './',
  // The packages' sources, as the tests read them: `pnpm playground` needs no build of the packages first.
  resolve: { conditions: ['@quadrant/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs and vega are large by nature; the page loads them once and works offline after.
    chunkSizeWarningLimit: 4096,
  },
});
