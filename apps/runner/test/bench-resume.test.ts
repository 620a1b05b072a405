import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellResultSchema } from '../src/results/cell-result.ts';
import { cliPath, runQuadrant } from './run-quadrant.ts';

const suite = fileURLToPath(new URL('./suites/small.yaml', import.meta.url));
// 4 problems × (solver × 2 seeds + odex + euler).
const cellCount = 16;

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

describe('quadrant bench', () => {
  it('a suite killed midway and restarted completes without redoing finished cells', async () => {
    const out = mkdtempSync(join(tmpdir(), 'quadrant-bench-'));
    const results = join(out, 'results.jsonl');
    // Start the suite and kill it once a few cells are on disk.
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [cliPath, 'bench', '--suite', suite, '--out', out, '--workers', '2'], { env: { ...process.env, QUADRANT_BACKEND: 'wasm' } });
      const timer = setInterval(() => {
        if (existsSync(results) && lines(results).length >= 3) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 20);
      child.on('close', () => {
        clearInterval(timer);
        resolve();
      });
    });
    const before = lines(results);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(cellCount);

    const rerun = await runQuadrant(['bench', '--suite', suite, '--out', out, '--workers', '2']);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stderr).toContain(`resuming: ${before.length} of ${cellCount} cells`);
    const after = lines(results);
    // Finished cells are kept byte for byte, never rerun; the rest are appended once each.
    expect(after.slice(0, before.length)).toEqual(before);
    const ids = after.map((line) => cellResultSchema.parse(JSON.parse(line)).id);
    expect(new Set(ids).size).toBe(cellCount);
    expect(ids).toHaveLength(cellCount);
    // The summary on stdout agrees with the results file.
    const cells = after.map((line) => cellResultSchema.parse(JSON.parse(line)));
    const odex = cells.find((cell) => cell.problem === 'exponential-decay' && cell.method === 'odex')!;
    expect(rerun.stdout).toMatch(new RegExp(`exponential-decay\\s+odex\\s+${odex.metrics.inDomain.relativeL2!.toExponential(2).replace('+', '\\+')}`));
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs[0].cells).toHaveLength(cellCount);
  });
});
