import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProblem, defineProblem, exponentialDecay, harmonicOscillator, lotkaVolterra } from '@quadrant/equations';
import { relativeL2 } from '@quadrant/metrics';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.ts';
import { saveModel } from '../model/save-model.ts';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from './train.ts';

const registry = defaultRegistry;
const grid = (start: number, end: number, points: number) => Float64Array.from({ length: points }, (_, i) => start + ((end - start) * i) / (points - 1));
const exactDecay = (t: Float64Array) => Float64Array.from(t, (each) => compileProblem(exponentialDecay).exact!(each)[0]!);

describe('time marching', () => {
  it('with a fixed number of windows, makes one model whose pieces meet end to end, values and derivatives continuous at each join', async () => {
    const settings = resolveSettings('solver', { strategy: { name: 'marching', windows: 4 } }, registry);
    const result = await train(harmonicOscillator, settings, { registry });
    const { pieces } = result.model;
    expect(pieces.map((piece) => [piece.start, piece.end])).toEqual([0, 1, 2, 3].map((i) => [(2 * Math.PI * i) / 4, (2 * Math.PI * (i + 1)) / 4]));
    for (let i = 1; i < pieces.length; i++) {
      // The next window's exact initial condition is the previous network's end: y and y' agree to round-off.
      const join = Float64Array.of(pieces[i]!.start);
      const before = result.model.jets(Float64Array.of(pieces[i]!.start - 1e-9), 1);
      const after = result.model.jets(join, 1);
      expect(Math.abs(before[0]![0]! - after[0]![0]!)).toBeLessThan(1e-8);
      expect(Math.abs(before[1]![0]! - after[1]![0]!)).toBeLessThan(1e-7);
      expect(pieces[i]!.initial.y![0]).toBeCloseTo(Math.cos(pieces[i]!.start), 8);
    }
    result.model.dispose();
  });

  it('saves a marched model and loads it back with the same float64 predictions and residuals', async () => {
    const result = await train(lotkaVolterra, resolveSettings('solver', {}, registry), { registry });
    const dir = await mkdtemp(join(tmpdir(), 'quadrant-marched-'));
    const t = grid(0, 12, 97);
    try {
      await saveModel(result.model, dir);
      const loaded = await loadModel(dir, registry);
      expect(loaded.pieces.map((piece) => [piece.start, piece.end])).toEqual(result.model.pieces.map((piece) => [piece.start, piece.end]));
      expect(loaded.predict(t)).toEqual(result.model.predict(t));
      expect(loaded.residual(t)).toEqual(result.model.residual(t));
      loaded.dispose();
    } finally {
      result.model.dispose();
      await rm(dir, { recursive: true });
    }
  });

  it('refuses to continue a marched model, and marching with data terms, naming why', async () => {
    const marched = await train(exponentialDecay, resolveSettings('solver', {}, registry), { registry });
    await expect(train(exponentialDecay, resolveSettings('solver', {}, registry), { registry, initialModel: marched.model })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('trained by marching') }),
    );
    marched.model.dispose();
    const data = { t: Float64Array.of(0, 1, 2), values: { y: Float64Array.of(1, Math.exp(-1), Math.exp(-2)) } };
    await expect(train(exponentialDecay, resolveSettings('pinn', { strategy: { name: 'marching' } }, registry), { registry, data })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('no data terms') }),
    );
  });

  it('takes the built-in MLP down the same path: marching with Levenberg–Marquardt in float64 reaches 1e-6 on the article problem', async () => {
    const settings = resolveSettings(
      'solver',
      { epochs: 20, architecture: { name: 'mlp', options: { hidden: [16, 16] } }, strategy: { name: 'marching', tolerance: 1e-7 } },
      registry,
    );
    const result = await train(exponentialDecay, settings, { registry });
    const t = grid(0, 5, 201);
    const error = relativeL2(result.model.predict(t).y!, exactDecay(t));
    console.log(`mlp + levenberg-marquardt: relL2 ${error.toExponential(2)} in ${result.seconds.toFixed(2)} s, ${result.model.pieces.length} windows`);
    expect(error).toBeLessThan(1e-6);
    expect(result.verdict.status).toBe('solved');
    result.model.dispose();
  });

  it('refuses levenberg-marquardt for an architecture without a float64 path, with learnable parameters, and as a phase before others', async () => {
    await expect(train(exponentialDecay, resolveSettings('solver', { architecture: { name: 'fourier-mlp' } }, registry), { registry })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining("architecture 'fourier-mlp' has none") }),
    );
    const inverse = defineProblem(
      { name: 'decay-rate', parameters: { k: { guess: 0.5, learn: true } }, equations: { "y'": '-k*y' }, initial: { y: 1 }, domain: [0, 2] },
      'test',
    );
    await expect(train(inverse, resolveSettings('solver', { strategy: { name: 'single' } }, registry), { registry })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('learns k') }),
    );
    const misplaced = resolveSettings('solver', { optimisers: [{ name: 'levenberg-marquardt', epochs: 5 }, { name: 'adam' }] }, registry);
    await expect(train(exponentialDecay, misplaced, { registry })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('can only be the last phase') }),
    );
  });
});
