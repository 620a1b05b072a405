import { defineSampler, type SamplerV1, seededRandom } from '@quadrant/spec';
import { keep, tensor1d, tensor2d } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gridSampler } from '../samplers/grid-sampler.ts';
import { jitteredGridSampler } from '../samplers/jittered-grid-sampler.ts';
import { residualAdaptiveSampler } from '../samplers/residual-adaptive-sampler.ts';
import { uniformSampler } from '../samplers/uniform-sampler.ts';
import { type SamplerConformanceSettings, samplerConformance } from './sampler-conformance.ts';

/** Uniform points over the domain from a stream the caller picks; `shift` moves them (out of the domain, when large). */
function uniformFrom(stream: (seed: number) => () => number, shift = 0): SamplerV1<{ points: number }> {
  return defineSampler({
    name: 'uniform-variant',
    description: 'uniform points, with a fault',
    options: z.strictObject({ points: z.int().positive().default(16) }),
    create({ domain: [start, end], seed }, { points }) {
      const next = stream(seed);
      return {
        points: () =>
          tensor2d(
            Float32Array.from({ length: points }, () => start + (end - start) * next() + shift),
            [points, 1],
          ),
        dispose() {},
      };
    },
  });
}
const seeded = (seed: number) => {
  const random = seededRandom(seed);
  return () => random.uniform();
};

/** Runs every check; returns each failing check's message by the part of its name after the sampler's. */
async function failures<Options>(sampler: SamplerV1<Options>, settings: SamplerConformanceSettings): Promise<Record<string, string>> {
  const failed: Record<string, string> = {};
  for (const check of samplerConformance(sampler, settings)) {
    try {
      await check.run();
    } catch (error) {
      failed[check.name.slice(sampler.name.length + 2)] = (error as Error).message;
    }
  }
  return failed;
}
const shape = 'every epoch gives the count asked as a float32 tensor of shape [count, 1], finite and inside the domain [-1.25, 3.5]';
const randomSeeds = 'one seed gives the same points epoch by epoch; another seed gives other points';
const fixedSeeds = 'one seed gives the same points epoch by epoch, and so does another (the sampler is not random)';
const leaks = 'no tensor leaks: the points belong to the caller, residuals handed to it are freed, dispose frees the rest';

describe('samplerConformance', () => {
  it('passes a correct seeded uniform sampler, every check named after it', async () => {
    const sampler = uniformFrom(seeded);
    expect(samplerConformance(sampler).every((check) => check.name.startsWith('uniform-variant: '))).toBe(true);
    expect(await failures(sampler, { random: true })).toEqual({});
  });

  it('catches a name users could not type, and options its schema refuses', async () => {
    expect(
      (await failures({ ...uniformFrom(seeded), name: 'Uniform' }, { random: true }))[
        'declares spec v1, a kebab-case name and a description; the option schema parses the options given'
      ],
    ).toMatch(/Uniform: the name is what users type/);
    expect((await failures(uniformFrom(seeded), { random: true, options: { points: 0 } }))[shape]).toMatch(
      /options \{"points":0\} fail the schema at 'points'/,
    );
  });

  it('catches a sampler that escapes the domain (jittered-grid without its reflection)', async () => {
    const unreflected = defineSampler({
      ...jitteredGridSampler,
      create({ domain, seed }, options) {
        const random = seededRandom(seed);
        const step = (domain[1] - domain[0]) / (options.points - 1);
        return {
          points: () =>
            tensor2d(
              Float32Array.from({ length: options.points }, (_, i) => domain[0] + i * step + options.sigma * random.normal()),
              [options.points, 1],
            ),
          dispose() {},
        };
      },
    });
    expect((await failures(unreflected, { options: { points: 33, sigma: 0.5 }, random: true }))[shape]).toMatch(
      /jittered-grid: epoch 0, point \d+ is .*, outside the domain \[-1.25, 3.5\]; reflect or clamp/,
    );
    expect((await failures(uniformFrom(seeded, 0.25), { random: true }))[shape]).toMatch(/outside the domain/);
  });

  it('catches a grid one point short of the count asked, and points in a row instead of a column', async () => {
    const short = defineSampler({ ...gridSampler, create: (context, options) => gridSampler.create(context, { ...options, points: options.points - 1 }) });
    expect((await failures(short, { options: { points: 9 } }))[shape]).toBe(
      'grid: epoch 0 gave points of shape [8, 1], expected [9, 1] (the count its options ask for, one column)',
    );
    const row = defineSampler({
      ...gridSampler,
      create(context, options) {
        const inner = gridSampler.create(context, options);
        return { points: (step) => inner.points(step).reshape([1, options.points]), dispose: () => inner.dispose() };
      },
    });
    expect((await failures(row, { options: { points: 9 } }))[shape]).toMatch(/shape \[1, 9\], expected \[9, 1\]/);
  });

  it('catches a sampler drawing from Math.random, one that ignores the seed, and a random one declared fixed', async () => {
    expect(
      (
        await failures(
          uniformFrom(() => Math.random),
          { random: true },
        )
      )[randomSeeds],
    ).toMatch(/two samplers with seed 1 differ at epoch 0; draw from seededRandom\(context.seed\)/);
    expect(
      (
        await failures(
          uniformFrom(() => seeded(7)),
          { random: true },
        )
      )[randomSeeds],
    ).toMatch(/seeds 1 and 2 give the same points over 4 epochs/);
    expect((await failures(uniformFrom(seeded), {}))[fixedSeeds]).toMatch(/give different points, so it is random: declare random: true/);
  });

  it('catches a sampler that keeps a tensor per call, and an adaptive one that never frees the residuals', async () => {
    const hoarding = defineSampler({
      ...uniformSampler,
      create(context, options) {
        const inner = uniformSampler.create(context, options);
        return {
          points: (step) => {
            keep(tensor1d([step.epoch]));
            return inner.points(step);
          },
          dispose: () => inner.dispose(),
        };
      },
    });
    expect((await failures(hoarding, { random: true }))[leaks]).toBe(
      'uniform: 4 tensors remain after 4 epochs and dispose(); free whatever points() keeps and whatever create made',
    );
    const careless = defineSampler({
      ...residualAdaptiveSampler,
      create(context, options) {
        const inner = residualAdaptiveSampler.create(context, options);
        return { points: (step) => inner.points({ ...step, residual: (points) => step.residual(points).clone() }), dispose: () => inner.dispose() };
      },
    });
    expect((await failures(careless, { options: { points: 16, candidates: 64, every: 2 }, random: true }))[leaks]).toMatch(
      /residual-adaptive: 1 of the 1 residual tensors step.residual returned were never disposed/,
    );
  });
});
