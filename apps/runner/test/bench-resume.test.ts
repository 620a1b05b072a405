import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellResultSchema } from '../src/results/cell-result.ts';
import { completeLineCount, runQuadrant, startQuadrant, untilLines } from './run-quadrant.ts';

const suite = fileURLToPath(new URL('./suites/small.yaml', import.meta.url));
// 4 problems × (solver × 2 seeds + odex).
const cellCount = 12;

/** The bytes up to and including the last newline: the lines a kill cannot take back. */
const completePart = (bytes: Buffer): Buffer => bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
const linesOf = (bytes: Buffer) => bytes.toString('utf8').split('\n').slice(0, -1);

describe('quadrant bench', () => {
  it('a suite SIGKILLed at chosen result lines, with torn lines left behind, completes with every cell once', async () => {
    const out = mkdtempSync(join(tmpdir(), 'quadrant-bench-'));
    const results = join(out, 'results.jsonl');
    const args = ['bench', '--suite', suite, '--out', out, '--workers', '2'];
    // Each kill comes once this many more lines are on disk. The 8 network cells run first and take
    // a good part of a second each, so every kill lands among them, before the classical cells'
    // burst at the end.
    const killAfter = [2, 2, 2];
    // What each killed run leaves after its last line, as a kill in the middle of a write would: half
    // a line, then a whole record that parses but whose newline never came. Both must be dropped.
    const tornTails = [(line: string) => line.slice(0, line.length >> 1), (line: string) => line];
    let kept: Buffer = Buffer.alloc(0);
    for (const [index, more] of killAfter.entries()) {
      const linesBefore = linesOf(kept).length;
      const run = startQuadrant(args);
      await untilLines(results, linesBefore + more, run);
      run.child.kill('SIGKILL');
      const killed = await run.done;
      expect(killed.signal).toBe('SIGKILL');
      if (index > 0) expect(killed.stderr).toContain(`resuming: ${linesBefore} of ${cellCount} cells`);
      const bytes = completePart(readFileSync(results));
      // What earlier runs finished is kept byte for byte (a torn tail was cut off, not built upon).
      expect(bytes.subarray(0, kept.length)).toEqual(kept);
      kept = bytes;
      const lines = linesOf(kept);
      expect(lines.length).toBeGreaterThanOrEqual(linesBefore + more);
      expect(lines.length).toBeLessThan(cellCount);
      for (const line of lines) cellResultSchema.parse(JSON.parse(line));
      const torn = tornTails[index];
      if (torn !== undefined) appendFileSync(results, torn(lines.at(-1)!));
    }

    const rerun = await runQuadrant(args);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stderr).toContain(`resuming: ${linesOf(kept).length} of ${cellCount} cells`);
    const final = readFileSync(results);
    expect(final.subarray(0, kept.length)).toEqual(kept);
    expect(completeLineCount(results)).toBe(cellCount);
    expect(completePart(final)).toEqual(final);
    // Every cell exactly once: a torn record read as finished would show up twice or glued to the next line.
    const cells = linesOf(final).map((line) => cellResultSchema.parse(JSON.parse(line)));
    expect(new Set(cells.map((cell) => cell.id)).size).toBe(cellCount);
    // The summary on stdout agrees with the results file.
    const odex = cells.find((cell) => cell.problem === 'exponential-decay' && cell.method === 'odex')!;
    expect(rerun.stdout).toMatch(new RegExp(`exponential-decay\\s+odex\\s+${odex.metrics.inDomain.relativeL2!.toExponential(2).replace('+', '\\+')}`));
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs[0].cells).toHaveLength(cellCount);
  });
});
