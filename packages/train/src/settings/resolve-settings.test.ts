import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { mergeSettings, resolveSettings } from './resolve-settings.ts';

describe('resolveSettings', () => {
  it('merges a preset with overrides and drops the initial-condition term when it is exact', () => {
    const settings = resolveSettings('pinn', { epochs: 50, architecture: { options: { hidden: [16] } } }, defaultRegistry);
    expect(settings.epochs).toBe(50);
    expect(settings.architecture).toEqual({ name: 'mlp', options: { hidden: [16], activation: 'tanh' } });
    expect(Object.keys(settings.losses)).toEqual(['data', 'residual']);
    expect(settings.optimisers.map((phase) => phase.name)).toEqual(['adam', 'lbfgs']);
    const solver = resolveSettings('solver', { architecture: { name: 'mlp' } }, defaultRegistry);
    expect(solver.architecture).toEqual({ name: 'mlp', options: {} });
    expect(solver.strategy.name).toBe('marching');
    expect(solver.optimisers.map((phase) => phase.name)).toEqual(['levenberg-marquardt']);
    const soft = resolveSettings('solver', { initialCondition: 'soft' }, defaultRegistry);
    expect(Object.keys(soft.losses)).toEqual(['residual', 'initial-condition']);
    expect(Object.keys(resolveSettings('pinn', { losses: { data: null } }, defaultRegistry).losses)).toEqual(['residual']);
  });

  it('names the field of an invalid setting, an unknown entry and refused options', () => {
    expect(() => resolveSettings('solver', { epochs: -1 }, defaultRegistry)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/^settings \(preset 'solver'\): epochs: /) }),
    );
    expect(() => resolveSettings(undefined, { sampler: { name: 'gird' } }, defaultRegistry)).toThrow(
      expect.objectContaining({ code: 'NO_SUCH_ENTRY', message: expect.stringContaining("(did you mean 'grid'?)") }),
    );
    expect(() => resolveSettings(undefined, { optimisers: [{ name: 'adam', options: { learningRate: 0 } }] }, defaultRegistry)).toThrow(
      expect.objectContaining({ code: 'OPTIONS_INVALID', message: expect.stringContaining('optimisers.0.options: adam.learningRate') }),
    );
    expect(() => resolveSettings('solvr', {}, defaultRegistry)).toThrow(expect.objectContaining({ code: 'NO_SUCH_ENTRY' }));
  });
});

describe('mergeSettings', () => {
  it('replaces a registry entry whole when the override names another one', () => {
    const base = { architecture: { name: 'mlp', options: { hidden: [32, 32], activation: 'tanh' } } };
    expect(mergeSettings(base, { architecture: { name: 'siren' } })).toEqual({ architecture: { name: 'siren' } });
    expect(mergeSettings(base, { architecture: { name: 'mlp', options: { activation: 'sin' } } })).toEqual({
      architecture: { name: 'mlp', options: { hidden: [32, 32], activation: 'sin' } },
    });
  });
});
