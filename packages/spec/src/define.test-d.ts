import type { Scalar, Tensor2D, Variable } from '@tensorflow/tfjs-core';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type ArchitectureV1,
  defineArchitecture,
  defineLossTerm,
  defineOptimiser,
  definePlugin,
  definePreset,
  defineSampler,
  defineSolver,
  defineWeighting,
  type LossTermInstanceV1,
  type LossTermV1,
  type NetworkV1,
  type OptimiserInstanceV1,
  type OptimiserStateV1,
  type OptimiserV1,
  type PluginV1,
  type PresetV1,
  QuadrantError,
  type SamplerInstanceV1,
  type SamplerV1,
  type SolutionV1,
  type SolverV1,
  type WeightingStateV1,
  type WeightingV1,
} from './index.ts';

const network = {} as NetworkV1;
const widths = z.object({ hidden: z.array(z.int().positive()).default([32, 32]), omega0: z.number().default(1) });

describe('define* helpers', () => {
  it('infer the options type from the zod schema: its output, defaults filled in', () => {
    const architecture = defineArchitecture({
      name: 'siren',
      description: 'sine layers',
      jetOrder: 3,
      options: widths,
      build: (options, shape) => {
        expectTypeOf(options).toEqualTypeOf<{ hidden: number[]; omega0: number }>();
        expectTypeOf(shape.seed).toEqualTypeOf<number>();
        return network;
      },
    });
    expectTypeOf(architecture).toEqualTypeOf<ArchitectureV1<{ hidden: number[]; omega0: number }>>();
    expectTypeOf(architecture.specVersion).toEqualTypeOf<'v1'>();
  });

  it('stamp the spec version themselves: writing it is refused', () => {
    // @ts-expect-error specVersion is the helper's to set
    definePreset({ specVersion: 'v1', name: 'p', description: 'd', settings: {} });
    expectTypeOf(definePreset({ name: 'p', description: 'd', settings: { epochs: 10 } })).toEqualTypeOf<PresetV1>();
  });

  it('check what create and solve receive against the same options', () => {
    const loss = defineLossTerm({
      name: 'end-value',
      description: 'd',
      needsData: false,
      options: z.object({ value: z.number().default(0) }),
      create: (_context, options) => {
        expectTypeOf(options).toEqualTypeOf<{ value: number }>();
        return {} as LossTermInstanceV1;
      },
    });
    expectTypeOf(loss).toEqualTypeOf<LossTermV1<{ value: number }>>();

    const solver = defineSolver({
      name: 'midpoint',
      description: 'd',
      options: z.object({ steps: z.int().default(100) }),
      solve: (_system, _request, options) => {
        expectTypeOf(options.steps).toEqualTypeOf<number>();
        return {} as SolutionV1;
      },
    });
    expectTypeOf(solver).toEqualTypeOf<SolverV1<{ steps: number }>>();

    const sampler = defineSampler({
      name: 'golden',
      description: 'd',
      options: z.object({ points: z.int().default(128) }),
      create: (context, options) => {
        expectTypeOf(context.domain).toEqualTypeOf<readonly [number, number]>();
        expectTypeOf(options).toEqualTypeOf<{ points: number }>();
        return {} as SamplerInstanceV1;
      },
    });
    expectTypeOf(sampler).toEqualTypeOf<SamplerV1<{ points: number }>>();

    defineSolver({
      name: 'wrong',
      description: 'd',
      options: z.object({ steps: z.int() }),
      // @ts-expect-error options are { steps: number }, not a string
      solve: (_system, _request, _options: { steps: string }) => ({}) as SolutionV1,
    });
  });

  it('give plugins that hold entries of any options type', () => {
    const plugin = definePlugin({
      name: 'p',
      architectures: [defineArchitecture({ name: 'a', description: 'd', jetOrder: 0, options: widths, build: () => network })],
    });
    expectTypeOf(plugin).toEqualTypeOf<PluginV1>();
    expectTypeOf<PluginV1['architectures']>().toEqualTypeOf<readonly ArchitectureV1[] | undefined>();
  });
});

describe('OptimiserInstanceV1', () => {
  it('saves and restores a JSON-safe state, both optional for an optimiser that keeps none', () => {
    expectTypeOf<OptimiserInstanceV1['state']>().toEqualTypeOf<(() => OptimiserStateV1) | undefined>();
    expectTypeOf<OptimiserInstanceV1['restore']>().toEqualTypeOf<((state: OptimiserStateV1) => void) | undefined>();
    expectTypeOf<OptimiserInstanceV1['converged']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<OptimiserStateV1['data']>().toExtend<{ readonly [key: string]: unknown }>();
    // @ts-expect-error a state holds JSON values only
    const _notJson: OptimiserStateV1 = { optimiser: 'adam', version: 1, data: { moments: new Float32Array(2) } };
    expectTypeOf<ReturnType<OptimiserInstanceV1['step']>>().toEqualTypeOf<Scalar>();
  });

  it('are created by defineOptimiser with the options its schema gives', () => {
    const optimiser = defineOptimiser({
      name: 'sign-descent',
      description: 'd',
      options: z.object({ learningRate: z.number().default(1e-3) }),
      create: (variables, options) => {
        expectTypeOf(options).toEqualTypeOf<{ learningRate: number }>();
        expectTypeOf(variables).toEqualTypeOf<readonly Variable[]>();
        return {} as OptimiserInstanceV1;
      },
    });
    expectTypeOf(optimiser).toEqualTypeOf<OptimiserV1<{ learningRate: number }>>();
  });
});

describe('weightings', () => {
  it('are created by defineWeighting with the options its schema gives; a state holds JSON only', () => {
    const weighting = defineWeighting({
      name: 'grad-norm',
      description: 'd',
      options: z.object({ every: z.int().default(10) }),
      create: (context, options) => {
        expectTypeOf(options).toEqualTypeOf<{ every: number }>();
        expectTypeOf(context.terms).toEqualTypeOf<readonly string[]>();
        return { factors: () => context.terms.map(() => 1), update: () => {} };
      },
    });
    expectTypeOf(weighting).toEqualTypeOf<WeightingV1<{ every: number }>>();
    expectTypeOf(definePlugin({ name: 'p', weightings: [weighting as WeightingV1] })).toEqualTypeOf<PluginV1>();
    // @ts-expect-error a state holds JSON values only
    const _notJson: WeightingStateV1 = { weighting: 'grad-norm', version: 1, data: { factors: new Float64Array(2) } };
  });
});

describe('QuadrantError', () => {
  it('narrows with isInstance and keeps its code a closed union', () => {
    const error: unknown = new QuadrantError('OPTIONS_INVALID', 'mlp.hidden.1: Too small');
    if (QuadrantError.isInstance(error)) expectTypeOf(error.code).toEqualTypeOf<QuadrantError['code']>();
    // @ts-expect-error not a code
    new QuadrantError('NOT_A_CODE', 'x');
    expectTypeOf<Tensor2D>().not.toBeAny();
  });
});
