import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/index.ts';
import { reportCells } from './fixtures/report-cells.ts';

// Debian's chromium (apt), not Playwright's download: that download is not available everywhere.
const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path !== undefined && path !== '' && existsSync(path),
);
const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '';
const outDir = fileURLToPath(new URL('../.vitest/', import.meta.url));
const screenshot = `${outDir}report-screenshot.png`;

if (executablePath === undefined && !inCi) {
  console.warn(
    'report-browser.test.ts: skipped: no Chromium found at $CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser (apt-get install chromium to run it)',
  );
}

describe('the report in headless Chromium', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  // Locally a missing browser skips this test (said above); in CI it must run, so there it fails.
  it.skipIf(executablePath === undefined && !inCi)('draws every chart without console errors, sorts the table, and saves a screenshot', async () => {
    if (executablePath === undefined)
      throw new Error('no Chromium found at $CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser; CI must install it (apt-get install chromium)');
    const reportDir = `${outDir}report`;
    rmSync(reportDir, { recursive: true, force: true });
    const cells = reportCells({ description: '<script>window.injected = true</script>' });
    const report = await renderReport([{ label: 'fixture', cells }], reportDir, { png: false });

    browser = await chromium.launch({ executablePath });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // Anything the page asks the network for is a bug: the report must open offline.
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });

    await page.goto(pathToFileURL(report.indexHtml).href);
    // Expressions as strings: this file is type-checked without the DOM library.
    await page.waitForFunction('document.body.dataset.chartsRendered !== undefined', undefined, { timeout: 60_000 });
    const charts = await page.$$eval('[data-chart]', (containers) =>
      containers.map((container) => {
        const drawn = container.querySelector('svg, canvas');
        const box = drawn?.getBoundingClientRect();
        return { width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    expect(charts.length).toBeGreaterThan(0);
    expect(await page.evaluate('document.body.dataset.chartsRendered')).toBe(String(charts.length));
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(100);
    }
    expect(await page.evaluate('window.injected')).toBeUndefined();

    const column = async (title: string) => {
      const index = await page.$$eval('#cells thead th', (headers, wanted) => headers.findIndex((header) => header.textContent?.trim() === wanted), title);
      return page.$$eval(`#cells tbody tr td:nth-child(${index + 1})`, (cells) =>
        cells.map((cell) => cell.getAttribute('data-value') ?? cell.textContent ?? ''),
      );
    };
    const header = (title: string) => page.locator('#cells thead th', { hasText: title });
    const numbers = (values: string[]) => values.map(Number);

    await header('relL2 domain').getByRole('button').click();
    expect(await header('relL2 domain').getAttribute('aria-sort')).toBe('ascending');
    const ascending = numbers(await column('relL2 domain'));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(new Set(ascending).size).toBeGreaterThan(1);
    await header('relL2 domain').getByRole('button').click();
    expect(await header('relL2 domain').getAttribute('aria-sort')).toBe('descending');
    expect(numbers(await column('relL2 domain'))).toEqual([...ascending].reverse());

    // Keyboard: the heading buttons take focus and Enter sorts.
    await header('seconds').getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await header('seconds').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('relL2 domain').getAttribute('aria-sort')).toBe('none');
    const seconds = numbers(await column('seconds'));
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(await page.locator('#cells tbody tr').count()).toBe(cells.length);

    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
