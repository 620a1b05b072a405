import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportCells } from '../../test/fixtures/report-cells.ts';
import { runInProcess } from '../../test/run-in-process.ts';
import { ResultsFile } from '../results/results-file.ts';

/** Every file under `dir`, as paths relative to it. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' });
const ofType = (dir: string, extension: string) => filesUnder(join(dir, 'figures')).filter((file) => file.endsWith(extension));

describe('--png', () => {
  it('quadrant report writes a PNG beside each SVG figure with --png, and none without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrant-png-'));
    const results = new ResultsFile(join(dir, 'results.jsonl'));
    results.open(true);
    for (const cell of reportCells()) results.append(cell);

    const plain = await runInProcess(['report', results.path, '--out', join(dir, 'plain')]);
    expect(plain.exitCode, plain.stderr).toBe(0);
    const svgs = ofType(join(dir, 'plain'), '.svg');
    expect(svgs.length).toBeGreaterThan(0);
    expect(ofType(join(dir, 'plain'), '.png')).toEqual([]);
    // The page links each figure's SVG, and no PNG that was never written.
    const plainHtml = readFileSync(join(dir, 'plain', 'index.html'), 'utf8');
    expect(plainHtml.includes('.png"')).toBe(false);

    const withPng = await runInProcess(['report', results.path, '--out', join(dir, 'png'), '--png']);
    expect(withPng.exitCode, withPng.stderr).toBe(0);
    const pngs = ofType(join(dir, 'png'), '.png');
    expect(pngs.sort()).toEqual(svgs.map((file) => file.replace(/\.svg$/, '.png')).sort());
    for (const file of pngs)
      expect([...readFileSync(join(dir, 'png', 'figures', file)).subarray(0, 8)], file).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(readFileSync(join(dir, 'png', 'index.html'), 'utf8').match(/>PNG<\/a>/g)).toHaveLength(pngs.length);
    // The same SVGs either way: --png adds files and changes none. vega numbers clip paths per
    // thread, so the numbers depend on what the thread drew before; a boolean keeps a failure short.
    const svgOf = (report: string, file: string) => readFileSync(join(dir, report, 'figures', file), 'utf8').replace(/clip\d+/g, 'clip');
    for (const file of svgs) expect(svgOf('png', file) === svgOf('plain', file), file).toBe(true);
  });

  it('quadrant bench draws the report without PNGs unless given --png', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrant-png-'));
    // Classical solvers only: the report still has its figures (methods compared, the error of RK4 and Euler) in a fraction of a second.
    const suite = join(dir, 'suite.yaml');
    writeFileSync(suite, 'name: png-check\nproblems: [exponential-decay]\nmethods: [odex, rk4, euler]\nseeds: [0]\n');
    const plain = await runInProcess(['bench', '--suite', suite, '--out', join(dir, 'plain'), '--workers', '1']);
    expect(plain.exitCode, plain.stderr).toBe(0);
    expect(ofType(join(dir, 'plain'), '.svg')).toHaveLength(2);
    expect(ofType(join(dir, 'plain'), '.png')).toEqual([]);
    const withPng = await runInProcess(['bench', '--suite', suite, '--out', join(dir, 'png'), '--workers', '1', '--png']);
    expect(withPng.exitCode, withPng.stderr).toBe(0);
    expect(ofType(join(dir, 'png'), '.png').sort()).toEqual(
      ofType(join(dir, 'png'), '.svg')
        .map((file) => file.replace(/\.svg$/, '.png'))
        .sort(),
    );
    expect(ofType(join(dir, 'png'), '.png')).toHaveLength(2);
  });
});
