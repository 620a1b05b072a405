import { fileURLToPath } from 'node:url';
import { defaultRegistry } from '@quadrant/train';
import { memory } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type PreparedCell, prepareCell } from '../src/cells/run-cell.ts';
import { runCells } from '../src/pool/run-cells.ts';
import { problemCache } from '../src/problems/problem-cache.ts';
import { expandSuite } from '../src/suite/expand-suite.ts';
import { loadSuite } from '../src/suite/load-suite.ts';

const suitePath = fileURLToPath(new URL('./suites/soak.yaml', import.meta.url));
// The first cells compile the kernels and grow the wasm heap to its working size.
const warmUp = 6;
const mebibyte = 2 ** 20;
// Memory is read after a full collection (vitest.config.ts exposes gc), so garbage V8 has not got
// round to (about 0.8 MB a cell here, measured) does not pass for a leak.
const memoryAfterCollection = () => {
  globalThis.gc!();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / mebibyte, heap: heapUsed / mebibyte };
};

describe('a suite of many cells in one thread', () => {
  it('keeps live tensors exactly flat, and memory flat after the first cells', async () => {
    const { suite, baseDir } = loadSuite(suitePath, process.cwd());
    const problems = problemCache(defaultRegistry);
    const cells: PreparedCell[] = [];
    for (const spec of expandSuite(suite, defaultRegistry)) cells.push(prepareCell(spec, await problems.resolve(spec.problem, baseDir), defaultRegistry));
    expect(cells).toHaveLength(32);
    const tensors: number[] = [];
    const statuses = new Set<string>();
    let afterWarmUp: { rss: number; heap: number } | undefined;
    await runCells(cells, {
      workers: 1,
      registry: defaultRegistry,
      plugins: [],
      baseDir,
      onResult: (_cell, result) => {
        statuses.add(result.status);
        tensors.push(memory().numTensors);
        if (tensors.length === warmUp) afterWarmUp = memoryAfterCollection();
      },
    });
    const atEnd = memoryAfterCollection();
    expect([...statuses]).toEqual(['ok']);
    expect(tensors).toHaveLength(cells.length);
    expect(tensors.slice(warmUp - 1)).toEqual(Array(cells.length - warmUp + 1).fill(tensors[warmUp - 1]));
    // Measured over the 26 cells after warm-up: heap +0.6 to +0.8 MB (caches and compiled code), so
    // 4 MB catches a leak of 150 KB a cell. RSS: +1.9 MB with a collection after every cell, up to
    // +12.3 MB with collections only at these two points (V8 keeps pages the heap grew into between
    // them); 32 MB is a bound on memory outside the JS heap (the wasm heap, native buffers).
    expect(atEnd.heap - afterWarmUp!.heap).toBeLessThan(4);
    expect(atEnd.rss - afterWarmUp!.rss).toBeLessThan(32);
  });
});
