import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runQuadrant } from './run-quadrant.ts';

const recordImports = fileURLToPath(new URL('./fixtures/record-imports.mjs', import.meta.url));

/** Runs `quadrant <args>` and returns what it printed and every module specifier it imported. */
async function importsOf(args: string[]): Promise<{ exitCode: number | null; stdout: string; imported: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'quadrant-imports-')), 'imports.txt');
  // No QUADRANT_BACKEND: the process picks what it loads by itself.
  const { exitCode, stdout } = await runQuadrant(args, {
    env: { QUADRANT_BACKEND: '', QUADRANT_TEST_IMPORTS: file, NODE_OPTIONS: `--import ${recordImports}` },
  });
  return { exitCode, stdout, imported: readFileSync(file, 'utf8').trim().split('\n') };
}

// Modules that take a tenth of a second or more to load, and the commands that need none of them.
const heavy = ['@quadrant/train', 'mathjs/number', '@tensorflow/tfjs-core', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'vega', 'bullmq'];

describe('start-up: each command loads what it runs', () => {
  it.each([[['--help']], [['run', '--help']], [['report']]])('quadrant %j loads no training, tfjs, mathjs, vega or bullmq', async (args) => {
    const { imported } = await importsOf(args);
    expect(imported).toContain('commander');
    expect(imported.filter((specifier) => heavy.includes(specifier))).toEqual([]);
  });

  it('a run trained only in float64 loads tfjs-core and its cpu backend, not the full tfjs, wasm, vega or bullmq, and says float64', async () => {
    const { exitCode, stdout, imported } = await importsOf(['run', '--json', '--problem', 'exponential-decay', '--quadrant', 'solver']);
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout) as { backend: string; metrics: { inDomain: { relativeL2: number } } };
    expect(result.backend).toBe('float64');
    expect(result.metrics.inDomain.relativeL2).toBeLessThan(1e-8);
    expect(imported).toContain('@tensorflow/tfjs-backend-cpu');
    expect(imported.filter((specifier) => ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'vega', 'bullmq'].includes(specifier))).toEqual([]);
  });

  it('a run with a first-order phase loads the full tfjs and its backends', async () => {
    const { exitCode, imported } = await importsOf(['run', '--json', '--problem', 'exponential-decay', '--quadrant', 'pinn', '--epochs', '5']);
    expect(exitCode).toBe(0);
    expect(imported).toEqual(expect.arrayContaining(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']));
  });
});
