import { defineSampler, QuadrantError, seededRandom } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';

type SobolGenerator = new (dimension: number) => { nextVector(): number[] };

/**
 * The `sobol` package's generator. The package is CommonJS without types and reads its direction
 * numbers from files, so it runs in Node only: it is required when a sampler is created (through
 * `process.getBuiltinModule`, not a static import of `node:module`, so this module still loads in
 * a browser), and typed here by the one class used.
 */
function sobolGenerator(): SobolGenerator {
  const nodeModule = globalThis.process?.getBuiltinModule?.('node:module') as typeof import('node:module') | undefined;
  if (nodeModule === undefined) throw new QuadrantError('CONFIG_INVALID', "sampler 'sobol': runs in Node only (its direction numbers are read from files)");
  return (nodeModule.createRequire(import.meta.url)('sobol') as { SobolSequenceGenerator: SobolGenerator }).SobolSequenceGenerator;
}

/** Options of `sobol`. */
export const sobolSamplerOptions = z.strictObject({ points: collocationPoints(1).default(128) });

/**
 * The Sobol low-discrepancy sequence (from the `sobol` package, Joe–Kuo direction numbers),
 * randomly shifted modulo 1 by an offset drawn from the run's seed (a Cranley–Patterson
 * rotation, so each seed gives its own evenly spread points): each epoch takes the next
 * `points` values of the sequence, so the points keep filling the gaps the earlier ones left.
 * The sequence's first value, 0, is skipped. Options: `points` (128).
 */
export const sobolSampler = defineSampler({
  name: 'sobol',
  description: 'the next points of a seeded, shifted Sobol sequence every epoch, spread evenly over the domain',
  options: sobolSamplerOptions,
  create({ domain, seed }, options) {
    const sequence = new (sobolGenerator())(1);
    sequence.nextVector();
    const shift = seededRandom(seed).uniform();
    const [start, end] = domain;
    const values = new Float32Array(options.points);
    return {
      points() {
        for (let i = 0; i < values.length; i++) values[i] = start + (end - start) * ((sequence.nextVector()[0]! + shift) % 1);
        return tensor2d(values, [values.length, 1]);
      },
      dispose() {},
    };
  },
});
