import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlp } from '@quadrant/networks';
import { defineArchitecture, definePlugin, QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from './default-registry.ts';
import { loadPlugin } from './load-plugin.ts';
import { createRegistry, registryKinds } from './registry.ts';

const siren = defineArchitecture({ ...mlp, name: 'siren', description: 'sine network' });
const sirenPlugin = definePlugin({ name: 'quadrant-plugin-siren', architectures: [siren] });

const thrown = (f: () => unknown): QuadrantError => {
  try {
    f();
  } catch (error) {
    if (QuadrantError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a QuadrantError');
};

describe('registry', () => {
  it('the default registry holds every built-in kind, says where each came from, and is frozen', () => {
    for (const kind of registryKinds) expect(defaultRegistry.list(kind).length).toBeGreaterThan(0);
    expect(defaultRegistry.list('preset').map((entry) => entry.name)).toEqual(['article', 'data-only', 'pinn', 'solver', 'solver-first-order']);
    expect(defaultRegistry.list('optimiser').map((entry) => entry.name)).toEqual(['adam', 'lbfgs', 'levenberg-marquardt', 'sgd']);
    expect(defaultRegistry.list('sampler').map((entry) => entry.name)).toEqual(['grid', 'jittered-grid', 'residual-adaptive', 'uniform']);
    expect(defaultRegistry.list('architecture').find((entry) => entry.name === 'mlp')?.plugin).toBe('@quadrant/networks');
    expect(defaultRegistry.problem('exponential-decay').domain).toEqual([0, 5]);
    expect(defaultRegistry.solver('odex').name).toBe('odex');
    expect(defaultRegistry.frozen).toBe(true);
    const error = thrown(() => defaultRegistry.add(sirenPlugin));
    expect(error.message).toContain('createRegistry({ extends: defaultRegistry');
  });

  it('extends a registry without changing it, and refuses unknown and duplicate names clearly', () => {
    const registry = createRegistry({ extends: defaultRegistry, plugins: [sirenPlugin] });
    expect(registry.architecture('siren')).toBe(siren);
    expect(registry.get('architecture', 'mlp')).toBe(mlp);
    expect(defaultRegistry.has('architecture', 'siren')).toBe(false);
    const missing = thrown(() => registry.architecture('sirne'));
    expect(missing.code).toBe('NO_SUCH_ENTRY');
    expect(missing.message).toBe("no such architecture 'sirne'; available: fourier-mlp, mlp, random-features, residual-mlp, siren (did you mean 'siren'?)");
    const duplicate = thrown(() => registry.add(definePlugin({ name: 'another', architectures: [siren] })));
    expect(duplicate.code).toBe('DUPLICATE_ENTRY');
    expect(duplicate.message).toContain("architecture 'siren' is registered twice: by plugin 'quadrant-plugin-siren' and by plugin 'another'");
  });

  it('loadPlugin imports a module by path and refuses a default export that is not a plugin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quadrant-plugin-'));
    try {
      await writeFile(join(dir, 'good.mjs'), "export default { specVersion: 'v1', name: 'lab', losses: [{ specVersion: 'v1', name: 'zero' }] };\n");
      await writeFile(join(dir, 'bad.mjs'), 'export const siren = 1; export default { siren: 1, helpers: 2 };\n');
      await writeFile(join(dir, 'wrong.mjs'), "export default { specVersion: 'v1', name: 'lab', losses: 'zero' };\n");
      expect((await loadPlugin('./good.mjs', dir)).name).toBe('lab');
      await expect(loadPlugin('./bad.mjs', dir)).rejects.toMatchObject({ code: 'PLUGIN_INVALID', message: expect.stringContaining('plugin ./bad.mjs: default export: specVersion') });
      await expect(loadPlugin('./wrong.mjs', dir)).rejects.toMatchObject({ code: 'PLUGIN_INVALID', message: 'plugin ./wrong.mjs: default export: losses must be an array, found string' });
      await expect(loadPlugin('./absent.mjs', dir)).rejects.toMatchObject({ code: 'PLUGIN_INVALID', message: expect.stringContaining('cannot find the module') });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
