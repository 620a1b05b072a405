import { exponentialDecay } from '@quadrant/equations';
import { memory } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from './train.ts';

const epochs = 10_000;
const sampleEvery = 500;
// By epoch 1000 the optimiser's slots exist, the kernels are compiled and the wasm heap has grown to its working size.
const warmUp = 1000;
const mebibyte = 2 ** 20;
// Memory is read after a full collection (vitest.config.ts exposes gc), so garbage V8 has not got
// round to does not pass for a leak.
const memoryAfterCollection = () => {
  globalThis.gc!();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / mebibyte, heap: heapUsed / mebibyte };
};

describe('train over 10^4 epochs', () => {
  for (const initialCondition of ['soft', 'exact'] as const) {
    it(`keeps live tensors exactly flat and memory flat after warm-up (${initialCondition} initial condition)`, async () => {
      const settings = resolveSettings(
        undefined,
        {
          epochs,
          initialCondition,
          architecture: { options: { hidden: [8] } },
          sampler: { name: 'grid', options: { points: 16 } },
          optimisers: [{ name: 'adam', options: { learningRate: 1e-2 } }],
        },
        defaultRegistry,
      );
      const tensors: number[] = [];
      let afterWarmUp: { rss: number; heap: number } | undefined;
      let atEnd: { rss: number; heap: number } | undefined;
      const result = await train(exponentialDecay, settings, {
        registry: defaultRegistry,
        callbacks: {
          onEpoch: ({ epoch }) => {
            if (epoch >= warmUp && (epoch % sampleEvery === 0 || epoch === epochs - 1)) tensors.push(memory().numTensors);
            if (epoch === warmUp) afterWarmUp = memoryAfterCollection();
            if (epoch === epochs - 1) atEnd = memoryAfterCollection();
            return undefined;
          },
        },
      });
      expect(result.status).toBe('completed');
      expect(result.epochs).toBe(epochs);
      expect(result.history.epoch.length).toBeLessThanOrEqual(501);
      expect(result.history.total.at(-1)!).toBeLessThan(result.history.total[0]!);
      expect(tensors).toEqual(Array((epochs - warmUp) / sampleEvery + 1).fill(tensors[0]));
      // Measured over the 9000 epochs after warm-up: heap within ±0.3 MB, so 2 MB catches a leak of
      // about 230 bytes an epoch; RSS (the wasm heap and native buffers besides) +0 to +4.3 MB.
      expect(atEnd!.heap - afterWarmUp!.heap).toBeLessThan(2);
      expect(atEnd!.rss - afterWarmUp!.rss).toBeLessThan(16);
      const before = memory().numTensors;
      result.model.dispose();
      expect(memory().numTensors).toBeLessThan(before);
    });
  }
});
