import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellResultSchema } from '../src/results/cell-result.ts';
import { runQuadrant } from './run-quadrant.ts';

const suite = fileURLToPath(new URL('./suites/diverging.yaml', import.meta.url));

describe('a network that diverges inside a suite', () => {
  it('is a diverged cell with the epoch in its reason, the other cells run and the command succeeds', async () => {
    const out = mkdtempSync(join(tmpdir(), 'quadrant-diverging-'));
    const { exitCode, stdout, stderr } = await runQuadrant(['bench', '--suite', suite, '--out', out, '--workers', '1']);
    expect(exitCode, stderr).toBe(0);
    const cells = readFileSync(join(out, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => cellResultSchema.parse(JSON.parse(line)));
    expect(cells).toHaveLength(3);
    const [diverged, ...others] = cells;
    expect(diverged).toMatchObject({ method: 'pinn', status: 'diverged', settings: { optimisers: [{ name: 'sgd' }] } });
    expect(diverged!.reason).toMatch(/^diverged at epoch \d+ \(/);
    expect(diverged!.epochs).toBeLessThan(100);
    expect(others.map((cell) => [cell.method, cell.status, cell.epochs])).toEqual([
      ['pinn', 'ok', 100],
      ['odex', 'ok', 0],
    ]);
    // One summary row per settings variant: the diverged SGD cell's row says so, Adam's row is whole.
    expect(stdout).toMatch(/exponential-decay\s+pinn · optimisers=\[\{"name":"sgd".* 1 \(1 not ok\)/);
    expect(stdout).toMatch(/exponential-decay\s+pinn · optimisers=\[\{"name":"adam".* 1\s+0\/1/);
  });
});
