import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exponentialDecay } from '@quadrant/equations';
import { activations, mlp, mlpOptions } from '@quadrant/networks';
import { defineActivation, defineArchitecture, definePlugin, type Problem, QuadrantError } from '@quadrant/spec';
import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from './default-registry.ts';
import { loadPlugin } from './load-plugin.ts';
import { createRegistry, registryKinds } from './registry.ts';

const siren = defineArchitecture({ ...mlp, name: 'siren', description: 'sine network' });
const sirenPlugin = definePlugin({ name: 'quadrant-plugin-siren', architectures: [siren] });

// A plug-in's activation: the built-in tanh under a name of its own (the kit of
// @quadrant/networks checks activations' derivatives; here only registration and lookup matter).
const tanhCopy = defineActivation({ ...activations.tanh, name: 'tanh-copy', description: 'tanh, registered by a plug-in' });
const tanhCopyPlugin = definePlugin({ name: 'quadrant-plugin-tanh-copy', activations: [tanhCopy] });

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
    expect(defaultRegistry.list('preset').map((entry) => entry.name)).toEqual([
      'article',
      'bundle',
      'data-only',
      'neural-ode',
      'pinn',
      'solver',
      'solver-first-order',
    ]);
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
    expect(missing.message).toBe(
      "no such architecture 'sirne'; available: fourier-mlp, mlp, neural-ode, random-features, residual-mlp, siren (did you mean 'siren'?)",
    );
    const duplicate = thrown(() => registry.add(definePlugin({ name: 'another', architectures: [siren] })));
    expect(duplicate.code).toBe('DUPLICATE_ENTRY');
    expect(duplicate.message).toContain("architecture 'siren' is registered twice: by plugin 'quadrant-plugin-siren' and by plugin 'another'");
  });

  it('a plugin activation can be named in the options of mlp, and an unknown name is refused with the closest', () => {
    const registry = createRegistry({ extends: defaultRegistry, plugins: [tanhCopyPlugin] });
    expect(registry.activation('tanh-copy')).toBe(tanhCopy);
    expect(registry.list('activation').find((entry) => entry.name === 'tanh-copy')?.plugin).toBe('quadrant-plugin-tanh-copy');
    const bound = registry.architecture('mlp');
    expect(bound).not.toBe(mlp);
    expect(bound).toBe(registry.architecture('mlp'));
    const options = bound.options.parse({ activation: 'tanh-copy', hidden: [4] });
    const network = bound.build(options, { inputs: 1, outputs: 1, seed: 3 });
    try {
      tidy(() => {
        const [value] = network.jets(tensor2d([[0.5]]), 1);
        expect(Number.isFinite(value!.dataSync()[0])).toBe(true);
      });
    } finally {
      network.dispose();
    }
    const unknown = bound.options.safeParse({ activation: 'tanh-cpy' });
    expect(unknown.error?.issues[0]?.message).toBe(
      "no such activation 'tanh-cpy'; available: leaky-relu, sigmoid, silu, sin, softplus, tanh, tanh-copy (did you mean 'tanh-copy'?)",
    );
    // The default registry knows no 'tanh-copy', and keeps the built-in architecture itself.
    expect(defaultRegistry.architecture('mlp')).toBe(mlp);
    expect(mlpOptions.safeParse({ activation: 'tanh-copy' }).error?.issues[0]?.message).toMatch(/^no such activation 'tanh-copy'; available: leaky-relu/);
    const late = createRegistry({ extends: defaultRegistry });
    expect(late.architecture('mlp')).toBe(mlp);
    late.add(tanhCopyPlugin);
    expect(late.architecture('mlp').options.safeParse({ activation: 'tanh-copy' }).success).toBe(true);
  });

  it('checks a plugin problem as its problem file would be, refusing an invalid one with PLUGIN_INVALID naming plugin and problem', () => {
    const decay = { ...exponentialDecay, name: 'lab-decay', origin: 'lab' };
    expect(createRegistry({ plugins: [definePlugin({ name: 'lab', problems: [decay] })] }).problem('lab-decay')).toBe(decay);
    const refusal = (problem: Problem): QuadrantError => thrown(() => createRegistry({ plugins: [definePlugin({ name: 'lab', problems: [problem] })] }));
    const misspelt = refusal({ ...decay, equations: { y: '-kk * y' } });
    expect(misspelt.code).toBe('PLUGIN_INVALID');
    expect(misspelt.message).toBe(`plugin 'lab': problem 'lab-decay': equations["y'"]: unknown symbol 'kk' (did you mean 'k'?)`);
    const backwards = refusal({ ...decay, domain: [5, 0] });
    expect(backwards.code).toBe('PLUGIN_INVALID');
    expect(backwards.message).toMatch(/^plugin 'lab': problem 'lab-decay': domain/);
    const stray = refusal({ ...decay, equations: { ...decay.equations, z: '1' } });
    expect(stray.code).toBe('PLUGIN_INVALID');
    expect(stray.message).toMatch(/^plugin 'lab': problem 'lab-decay': equations does not agree with the rest of the problem/);
    const broken = refusal({ ...decay, unknowns: undefined } as unknown as Problem);
    expect(broken.code).toBe('PLUGIN_INVALID');
    expect(broken.message).toMatch(/^plugin 'lab': problem 'lab-decay': not a valid problem/);
  });

  it('loadPlugin imports a module by path and refuses a default export that is not a plugin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quadrant-plugin-'));
    try {
      await writeFile(join(dir, 'good.mjs'), "export default { specVersion: 'v1', name: 'lab', losses: [{ specVersion: 'v1', name: 'zero' }] };\n");
      await writeFile(join(dir, 'bad.mjs'), 'export const siren = 1; export default { siren: 1, helpers: 2 };\n');
      await writeFile(join(dir, 'wrong.mjs'), "export default { specVersion: 'v1', name: 'lab', losses: 'zero' };\n");
      expect((await loadPlugin('./good.mjs', dir)).name).toBe('lab');
      await expect(loadPlugin('./bad.mjs', dir)).rejects.toMatchObject({
        code: 'PLUGIN_INVALID',
        message: expect.stringContaining('plugin ./bad.mjs: default export: specVersion'),
      });
      await expect(loadPlugin('./wrong.mjs', dir)).rejects.toMatchObject({
        code: 'PLUGIN_INVALID',
        message: 'plugin ./wrong.mjs: default export: losses must be an array, found string',
      });
      await expect(loadPlugin('./absent.mjs', dir)).rejects.toMatchObject({
        code: 'PLUGIN_INVALID',
        message: expect.stringContaining('cannot find the module'),
      });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
