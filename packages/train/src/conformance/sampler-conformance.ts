import { type ConformanceCheck, checkDeclaration, type SampleStepV1, type SamplerInstanceV1, type SamplerV1 } from '@quadrant/spec';
import { memory, type Tensor1D, type Tensor2D, tensor1d } from '@tensorflow/tfjs-core';

/** What to build a sampler with and what to expect of it. */
export interface SamplerConformanceSettings {
  /** Raw options, parsed by the sampler's schema (default `{}`). */
  readonly options?: unknown;
  /** Points the options ask for, per epoch (default: the parsed options' `points`). */
  readonly count?: number;
  /**
   * Whether the points depend on the seed (default false). A random sampler must give other
   * points for another seed; one without randomness the same points whatever the seed.
   */
  readonly random?: boolean;
  /** The domain sampled (default [−1.25, 3.5]). */
  readonly domain?: readonly [number, number];
  /** Epochs drawn in each check, from 0 (default 4); enough for an adaptive sampler to adapt at least once. */
  readonly epochs?: number;
}

/** The points of each epoch, as numbers. */
type Draw = number[][];

const seeds = [1, 2] as const;

/**
 * The conformance kit for collocation samplers: named checks, each a plain async function that
 * throws on failure, so any test runner (or none) can run them. A plugin author runs the same
 * checks the built-ins pass:
 *
 * ```ts
 * for (const check of samplerConformance(sobol, { options: { points: 64 }, random: true })) it(check.name, check.run);
 * ```
 *
 * The checks: the sampler declares spec v1, a kebab-case name and a description, and its schema
 * parses the options given; every epoch's points are a float32 tensor of shape [count, 1],
 * finite and inside the domain (its ends rounded to float32); one seed gives the same points
 * epoch by epoch, and another seed other points when the sampler is random (the same points when
 * it is not); no tensor leaks: the points belong to the caller, and the residuals the kit hands
 * an adaptive sampler (r² growing towards the domain's end) are freed by the sampler, so after
 * `dispose` the tensor count is where it began.
 */
export function samplerConformance<Options>(sampler: SamplerV1<Options>, settings: SamplerConformanceSettings = {}): ConformanceCheck[] {
  const name = sampler.name;
  const domain = settings.domain ?? [-1.25, 3.5];
  const [start, end] = domain;
  const epochs = settings.epochs ?? 4;
  const random = settings.random ?? false;
  const check = (title: string, run: () => Promise<void>): ConformanceCheck => ({ name: `${name}: ${title}`, run });
  const parse = (): Options => {
    const parsed = sampler.options.safeParse(settings.options ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Error(
      `${name}: options ${JSON.stringify(settings.options ?? {})} fail the schema at '${issue?.path.join('.') ?? ''}': ${issue?.message ?? parsed.error.message}`,
    );
  };
  const expectedCount = (): number => {
    if (settings.count !== undefined) return settings.count;
    const points = (parse() as { points?: unknown }).points;
    if (typeof points === 'number') return points;
    throw new Error(`${name}: its options have no numeric 'points'; say how many points they ask for with settings.count`);
  };
  /** A step as a trainer makes one; the residual (r² rising from the domain's start) belongs to the sampler once handed out. */
  const stepAt = (epoch: number, handedOut: Tensor1D[] = []): SampleStepV1 => ({
    epoch,
    residual: (points: Tensor2D) => {
      const residual = tensor1d(Array.from(points.dataSync(), (t) => 0.01 + ((t - start) / (end - start)) ** 2));
      handedOut.push(residual);
      return residual;
    },
  });
  const withInstance = async <T>(seed: number, use: (instance: SamplerInstanceV1) => T): Promise<T> => {
    const instance = sampler.create({ domain, seed }, parse());
    try {
      return use(instance);
    } finally {
      instance.dispose();
    }
  };
  /** Every epoch's points as numbers, each tensor disposed once read. */
  const draw = (seed: number): Promise<Draw> =>
    withInstance(seed, (instance) =>
      Array.from({ length: epochs }, (_, epoch) => {
        const points = instance.points(stepAt(epoch));
        try {
          return Array.from(points.dataSync());
        } finally {
          points.dispose();
        }
      }),
    );
  const same = (a: Draw, b: Draw): boolean =>
    a.length === b.length && a.every((points, epoch) => points.length === b[epoch]!.length && points.every((t, i) => Object.is(t, b[epoch]![i])));

  return [
    check('declares spec v1, a kebab-case name and a description; the option schema parses the options given', async () => {
      checkDeclaration(sampler, {
        declare: 'the sampler with defineSampler',
        typed: "in a run's settings",
        example: 'sobol',
        describe: 'how it places points',
      });
      parse();
    }),

    check(`every epoch gives the count asked as a float32 tensor of shape [count, 1], finite and inside the domain [${start}, ${end}]`, async () => {
      const count = expectedCount();
      // The points are float32: an end that float32 cannot hold may round outward.
      const [low, high] = [Math.fround(start), Math.fround(end)];
      await withInstance(seeds[0], (instance) => {
        for (let epoch = 0; epoch < epochs; epoch++) {
          const points = instance.points(stepAt(epoch));
          try {
            if (points.rank !== 2 || points.shape[0] !== count || points.shape[1] !== 1) {
              throw new Error(
                `${name}: epoch ${epoch} gave points of shape [${points.shape.join(', ')}], expected [${count}, 1] (the count its options ask for, one column)`,
              );
            }
            if (points.dtype !== 'float32') throw new Error(`${name}: epoch ${epoch} gave points of dtype ${points.dtype}, expected float32`);
            const values = points.dataSync();
            const outside = values.findIndex((t) => !(t >= Math.min(low, start) && t <= Math.max(high, end)));
            if (outside >= 0) {
              throw new Error(
                `${name}: epoch ${epoch}, point ${outside} is ${values[outside]}, outside the domain [${start}, ${end}]; reflect or clamp what noise pushes past an end`,
              );
            }
          } finally {
            points.dispose();
          }
        }
      });
    }),

    check(
      random
        ? 'one seed gives the same points epoch by epoch; another seed gives other points'
        : 'one seed gives the same points epoch by epoch, and so does another (the sampler is not random)',
      async () => {
        const first = await draw(seeds[0]);
        const again = await draw(seeds[0]);
        const differing = first.findIndex((points, epoch) => !same([points], [again[epoch]!]));
        if (differing >= 0) {
          throw new Error(
            `${name}: two samplers with seed ${seeds[0]} differ at epoch ${differing}; draw from seededRandom(context.seed), not Math.random or a shared stream`,
          );
        }
        const other = await draw(seeds[1]);
        if (random && same(first, other)) {
          throw new Error(
            `${name}: seeds ${seeds[0]} and ${seeds[1]} give the same points over ${epochs} epochs; seed its stream from context.seed (or declare random: false)`,
          );
        }
        if (!random && !same(first, other)) {
          throw new Error(`${name}: seeds ${seeds[0]} and ${seeds[1]} give different points, so it is random: declare random: true`);
        }
      },
    ),

    check('no tensor leaks: the points belong to the caller, residuals handed to it are freed, dispose frees the rest', async () => {
      const before = memory().numTensors;
      const handedOut: Tensor1D[] = [];
      const instance = sampler.create({ domain, seed: seeds[0] }, parse());
      try {
        for (let epoch = 0; epoch < epochs; epoch++) {
          const points = instance.points(stepAt(epoch, handedOut));
          if (points.isDisposed) throw new Error(`${name}: the points of epoch ${epoch} were disposed before the caller got them`);
          points.dispose();
        }
      } finally {
        instance.dispose();
      }
      const kept = handedOut.filter((residual) => !residual.isDisposed).length;
      if (kept > 0)
        throw new Error(`${name}: ${kept} of the ${handedOut.length} residual tensors step.residual returned were never disposed; the sampler owns them`);
      const left = memory().numTensors - before;
      if (left !== 0)
        throw new Error(`${name}: ${left} tensors remain after ${epochs} epochs and dispose(); free whatever points() keeps and whatever create made`);
    }),
  ];
}
