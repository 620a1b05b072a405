import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellResultSchema } from '../src/results/cell-result.ts';
import { runQuadrant, startQuadrant, untilLines } from './run-quadrant.ts';

const suite = fileURLToPath(new URL('./suites/interruptible.yaml', import.meta.url));
// 2 problems × pinn × 2 seeds.
const cellCount = 4;

describe('Ctrl-C during quadrant bench', () => {
  it.each([1, 2])('with --workers %i keeps the finished cells, ends training and exits 130 with the resume command', async (workers) => {
    const out = mkdtempSync(join(tmpdir(), 'quadrant-interrupt-'));
    const results = join(out, 'results.jsonl');
    const args = ['bench', '--suite', suite, '--out', out, '--workers', String(workers)];
    const run = startQuadrant([...args, '--fresh']);
    await untilLines(results, 1, run);
    run.child.kill('SIGINT');
    const interrupted = await run.done;
    // Exiting at all shows no worker thread was left running: a live worker keeps the process up.
    expect(interrupted.exitCode).toBe(130);
    const finished = readFileSync(results, 'utf8');
    const lines = finished.split('\n').slice(0, -1);
    expect(finished.endsWith('\n')).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThan(cellCount);
    for (const line of lines) expect(cellResultSchema.parse(JSON.parse(line)).status).toBe('ok');
    // One line naming the resume command (without --fresh), no stack trace, no summary or report of part of the suite.
    expect(interrupted.stderr).toContain(
      `interrupted: ${lines.length} of ${cellCount} cells finished in ${results}; resume with: quadrant ${args.join(' ')}\n`,
    );
    expect(interrupted.stderr).not.toMatch(/^\s+at /m);
    expect(interrupted.stdout).toBe('');
    expect(existsSync(join(out, 'index.html'))).toBe(false);

    const resumeWith = /resume with: quadrant (.+)$/m.exec(interrupted.stderr)![1]!.split(' ');
    const resumed = await runQuadrant(resumeWith);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stderr).toContain(`resuming: ${lines.length} of ${cellCount} cells`);
    const after = readFileSync(results, 'utf8');
    expect(after.startsWith(finished)).toBe(true);
    const ids = after
      .split('\n')
      .slice(0, -1)
      .map((line) => cellResultSchema.parse(JSON.parse(line)).id);
    expect(ids).toHaveLength(cellCount);
    expect(new Set(ids).size).toBe(cellCount);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });
});
