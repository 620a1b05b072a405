import type { ArchitectureV1, OptimiserInstanceV1, OptimiserStateV1, OptimiserV1, PresetV1, Problem, SamplerV1, SolverV1 } from '@quadrant/spec';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  createRegistry,
  defaultRegistry,
  lbfgsOptimiser,
  parseEntryOptions,
  type Registry,
  type RegistryListing,
  resolveSettings,
  selectBackend,
  type TrainingSettings,
  type TrainingSettingsInput,
  type trainingSettingsSchema,
} from './index.ts';

describe('TrainingSettings', () => {
  it('is what the schema gives (defaults filled in); TrainingSettingsInput is what it takes (all optional)', () => {
    expectTypeOf<TrainingSettings>().toEqualTypeOf<z.output<typeof trainingSettingsSchema>>();
    expectTypeOf<TrainingSettingsInput>().toEqualTypeOf<z.input<typeof trainingSettingsSchema>>();
    expectTypeOf<TrainingSettings['epochs']>().toEqualTypeOf<number>();
    expectTypeOf<TrainingSettingsInput['epochs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TrainingSettings['initialCondition']>().toEqualTypeOf<'soft' | 'exact'>();
    expectTypeOf<TrainingSettings['architecture']>().toExtend<{ name: string }>();
    expectTypeOf<Record<string, never>>().toExtend<TrainingSettingsInput>();
    expectTypeOf<Record<string, never>>().not.toExtend<TrainingSettings>();
    // @ts-expect-error not a setting: the schema is strict
    const _unknown: TrainingSettingsInput = { epoch: 10 };
    // @ts-expect-error initialCondition takes 'soft' or 'exact'
    const _wrong: TrainingSettingsInput = { initialCondition: 'hard' };
  });

  it('comes out of resolveSettings validated', () => {
    expectTypeOf(resolveSettings).returns.toEqualTypeOf<TrainingSettings>();
    expectTypeOf(resolveSettings).parameter(2).toEqualTypeOf<Registry>();
  });
});

describe('Registry', () => {
  it("looks entries up with the kind's own type", () => {
    expectTypeOf(defaultRegistry.get('architecture', 'mlp')).toEqualTypeOf<ArchitectureV1>();
    expectTypeOf(defaultRegistry.get('optimiser', 'lbfgs')).toEqualTypeOf<OptimiserV1>();
    expectTypeOf(defaultRegistry.get('preset', 'pinn')).toEqualTypeOf<PresetV1>();
    expectTypeOf(defaultRegistry.problem('exponential-decay')).toEqualTypeOf<Problem>();
    expectTypeOf(defaultRegistry.solver('odex')).toEqualTypeOf<SolverV1>();
    expectTypeOf(defaultRegistry.sampler('grid')).toEqualTypeOf<SamplerV1>();
    expectTypeOf(defaultRegistry.list('loss')).toEqualTypeOf<RegistryListing[]>();
    // @ts-expect-error not a kind
    defaultRegistry.get('network', 'mlp');
  });

  it('is created from plugins and returns registries from add and freeze', () => {
    expectTypeOf(createRegistry({ extends: defaultRegistry })).toEqualTypeOf<Registry>();
    expectTypeOf(defaultRegistry.freeze()).toEqualTypeOf<Registry>();
    expectTypeOf(defaultRegistry.frozen).toEqualTypeOf<boolean>();
  });

  it("parses an entry's options to its schema's output type", () => {
    const options = parseEntryOptions(lbfgsOptimiser, { restarts: 10 }, 'settings.yaml');
    expectTypeOf(options.restarts).toEqualTypeOf<number>();
    expectTypeOf(options.lossResolution).toEqualTypeOf<number>();
    expectTypeOf(options.history).toEqualTypeOf<number>();
  });
});

describe('optimisers', () => {
  it('lbfgs is an OptimiserV1 of its options, and its instances save and restore OptimiserStateV1', () => {
    expectTypeOf(lbfgsOptimiser).toExtend<OptimiserV1<{ restarts: number; lossResolution: number }>>();
    type Instance = ReturnType<typeof lbfgsOptimiser.create>;
    expectTypeOf<Instance>().toEqualTypeOf<OptimiserInstanceV1>();
    expectTypeOf<NonNullable<Instance['state']>>().returns.toEqualTypeOf<OptimiserStateV1>();
    expectTypeOf<NonNullable<Instance['restore']>>().parameter(0).toEqualTypeOf<OptimiserStateV1>();
  });
});

describe('selectBackend', () => {
  it('takes an optional name and resolves to the backend in use', () => {
    expectTypeOf(selectBackend).parameters.toEqualTypeOf<[name?: string]>();
    expectTypeOf(selectBackend).returns.resolves.toEqualTypeOf<string>();
  });
});
