import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runQuadrant } from './run-quadrant.ts';

const suite = fileURLToPath(new URL('./suites/stiff-explicit.yaml', import.meta.url));

describe('a classical solver that blows up inside a suite', () => {
  it('is a diverged cell with its reason, the suite goes on and the command succeeds', async () => {
    const out = mkdtempSync(join(tmpdir(), 'quadrant-stiff-'));
    const { exitCode, stdout } = await runQuadrant(['bench', '--suite', suite, '--out', out]);
    expect(exitCode).toBe(0);
    const cells = readFileSync(join(out, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { method: string; status: string; reason?: string; referenceSolver: string });
    const byMethod = Object.fromEntries(cells.map((cell) => [cell.method, cell]));
    expect(byMethod.euler).toMatchObject({ status: 'diverged', referenceSolver: 'rodas' });
    expect(byMethod.euler!.reason).toMatch(/^euler: rhs of [ABC]' is not finite at t = /);
    expect(byMethod.rk4!.status).toBe('diverged');
    expect(byMethod.rodas!.status).toBe('ok');
    expect(stdout).toMatch(/robertson\s+euler .* 1 \(1 not ok\)/);
  });
});
