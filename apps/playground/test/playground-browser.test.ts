import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { exponentialDecay, problemToFile } from '@quadrant/equations';
import type { CellResult } from '@quadrant/runner/cells';
import { defaultRegistry, loadModel } from '@quadrant/train';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Debian's chromium (apt), not Playwright's download, as the report's browser test uses.
const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path !== undefined && path !== '' && existsSync(path),
);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(appDir, 'dist');
const outDir = join(appDir, '.vitest');
const cliPath = fileURLToPath(new URL('../../runner/dist/cli.js', import.meta.url));

let server: PreviewServer;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}: no built site; run pnpm playground:build (turbo builds it before this test)`);
  if (executablePath === undefined) throw new Error('no Chromium at $CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser (apt-get install chromium)');
  mkdirSync(outDir, { recursive: true });
  // The built site as any static server serves it: dist/ on 127.0.0.1.
  server = await preview({ root: appDir, configFile: false, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no port');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({ executablePath });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records console errors, uncaught exceptions and any request that leaves the static server. */
async function openPage(hash: string): Promise<{ page: Page; errors: string[]; offsite: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const errors: string[] = [];
  const offsite: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) offsite.push(request.url());
  });
  await page.goto(`${origin}/${hash}`);
  return { page, errors, offsite };
}

/** The in-domain relative L2 that `quadrant run` reaches on the problem in the quadrant, seed 0, on wasm. */
function cliRun(problem: unknown, quadrant: string): number {
  const problemFile = join(outDir, 'problem.json');
  writeFileSync(problemFile, JSON.stringify(problem));
  const cli = spawnSync(process.execPath, [cliPath, 'run', '--problem', problemFile, '--quadrant', quadrant, '--seed', '0', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, QUADRANT_BACKEND: 'wasm' },
  });
  expect(cli.status, cli.stderr).toBe(0);
  return (JSON.parse(cli.stdout) as { metrics: { inDomain: { relativeL2: number } } }).metrics.inDomain.relativeL2;
}

const shareable = (problem: unknown, quadrant: string, run: boolean) =>
  `#problem=${encodeURIComponent(JSON.stringify(problem))}&quadrant=${quadrant}${run ? '&run=1' : ''}`;

describe('the playground in headless Chromium', () => {
  it('builds a site with no Node-only module and no native tfjs backend in it, and the wasm binaries beside it', () => {
    const assets = readdirSync(join(distDir, 'assets'));
    const scripts = assets.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(distDir, 'assets', file), 'utf8'));
    expect(scripts.filter((source) => /(?:from|import)\s*\(?\s*["'`]node:/.test(source))).toEqual([]);
    expect(scripts.filter((source) => /import\s*\(\s*["'`]@tensorflow\/tfjs-node/.test(source))).toEqual([]);
    expect(assets.filter((file) => file.endsWith('.wasm')).length).toBeGreaterThanOrEqual(2);
    const bytes = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
      .map((file) => statSync(join(distDir, file)))
      .reduce((sum, file) => sum + (file.isFile() ? file.size : 0), 0);
    console.log(`playground: built site ${(bytes / 2 ** 20).toFixed(2)} MiB in ${distDir}`);
  });

  it("trains the article's problem from a shareable URL as the CLI does, offline, and offers a model loadModel reads", async () => {
    const problem = problemToFile(exponentialDecay);
    const cliRelativeL2 = cliRun(problem, 'solver');

    const { page, errors, offsite } = await openPage(shareable(problem, 'solver', true));
    const started = performance.now();
    await page.getByTestId('rel-l2').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    const seconds = (performance.now() - started) / 1000;
    const relativeL2 = Number(await page.getByTestId('rel-l2').textContent());
    const backend = await page.getByTestId('backend-ran').textContent();
    const trainingSeconds = Number(await page.getByTestId('seconds').textContent());
    console.log(
      `playground: exponential-decay × solver, seed 0: relL2 ${relativeL2} (CLI ${cliRelativeL2.toExponential(2)}) on ${backend}, ${trainingSeconds} s training, ${seconds.toFixed(1)} s from page load to result`,
    );
    expect(relativeL2).toBeLessThanOrEqual(1e-3);
    expect(relativeL2).toBeLessThanOrEqual(2 * cliRelativeL2);
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^solved/);
    await page.waitForFunction('document.body.dataset.charts === "3"', undefined, { timeout: 30_000 });
    await page.screenshot({ path: join(outDir, 'playground.png'), fullPage: true });

    // The downloads: the result record, and the model in the one-file form loadModel reads (as `quadrant run --resume` does).
    const save = async (id: string, file: string) => {
      const download = page.waitForEvent('download');
      await page.locator(`#${id}`).click();
      await (await download).saveAs(join(outDir, file));
      return join(outDir, file);
    };
    const result = JSON.parse(readFileSync(await save('download-results', 'page-result.json'), 'utf8')) as CellResult;
    expect(Number(result.metrics.inDomain.relativeL2!.toExponential(1))).toBe(relativeL2);
    const model = await loadModel(await save('download-model', 'page-model.json'), defaultRegistry);
    try {
      const predicted = model.predict(Float64Array.from(result.prediction.t)).y!;
      const expected = result.prediction.values['y']!;
      const gap = Math.max(...expected.map((value, i) => Math.abs(predicted[i]! - value!)));
      expect(gap).toBeLessThan(1e-9);
    } finally {
      model.dispose();
    }
    // The CLI evaluates the same one-file model as the page drew it.
    const predicted = spawnSync(process.execPath, [cliPath, 'predict', '--model', join(outDir, 'page-model.json'), '--grid', '0:5:6', '--json'], {
      encoding: 'utf8',
    });
    expect(predicted.status, predicted.stderr).toBe(0);
    const values = (JSON.parse(predicted.stdout) as { values: { y: number[] } }).values.y;
    values.forEach((value, i) => {
      expect(Math.abs(value - Math.exp(-i))).toBeLessThan(1e-6);
    });
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('learns the dynamics from the data in the fourth quadrant as the CLI does', async () => {
    const problem = problemToFile(exponentialDecay);
    const cliRelativeL2 = cliRun(problem, 'neural-ode');
    const { page, errors, offsite } = await openPage(shareable(problem, 'neural-ode', true));
    await page.getByTestId('rel-l2').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    const relativeL2 = Number(await page.getByTestId('rel-l2').textContent());
    console.log(`playground: exponential-decay × neural-ode, seed 0: relL2 ${relativeL2} (CLI ${cliRelativeL2.toExponential(2)})`);
    expect(relativeL2).toBeLessThanOrEqual(5e-2);
    expect(relativeL2).toBeLessThanOrEqual(2 * cliRelativeL2);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  });

  it('shows a bad problem as one line in the editor, at the field it names, and trains nothing', async () => {
    const problem = { ...problemToFile(exponentialDecay), equations: { "y'": '-k*y + omga' } };
    const { page, errors } = await openPage(shareable(problem, 'pinn', true));
    const error = page.getByTestId('problem-error');
    await error.waitFor();
    const line = await error.textContent();
    expect(line).toMatch(/^line \d+: problem: equations\["y'"\]: unknown symbol 'omga'/);
    const lineNumber = Number(/^line (\d+)/.exec(line ?? '')![1]);
    const editorText = await page.getByTestId('editor').inputValue();
    expect(editorText.split('\n')[lineNumber - 1]).toContain('omga');
    expect(await page.getByTestId('train').isDisabled()).toBe(true);
    expect(await page.getByTestId('result').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
