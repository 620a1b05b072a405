import { createRequire } from 'node:module';
import { defineSampler, seededRandom } from '@quadrant/spec';
import { tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { collocationPoints } from './collocation-points.ts';

// The `sobol` package is CommonJS without types: loaded by require and typed here by the one
// class used, so no ambient declaration has to reach every project that compiles this source.
const { SobolSequenceGenerator } = createRequire(import.meta.url)('sobol') as {
  SobolSequenceGenerator: new (dimension: number) => { nextVector(): number[] };
};

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
    const sequence = new SobolSequenceGenerator(1);
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
