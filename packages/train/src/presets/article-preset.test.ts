import { compileProblem, exponentialDecay } from '@quadrant/equations';
import { relativeL2 } from '@quadrant/metrics';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/default-registry.ts';
import { resolveSettings } from '../settings/resolve-settings.ts';
import { train } from '../training/train.ts';

const exact = compileProblem(exponentialDecay).exact!;
const on = (from: number, to: number, points: number) => Float64Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));

describe('the article preset', () => {
  it('reproduces the article: relative L2 ≤ 2e-2 on [0, 5] after 10^4 SGD epochs, and ≥ 10× worse on [5, 10]', async () => {
    const settings = resolveSettings('article', {}, defaultRegistry);
    expect(settings.epochs).toBe(10_000);
    const result = await train(exponentialDecay, settings, { registry: defaultRegistry });
    const error = (t: Float64Array) =>
      relativeL2(
        result.model.predict(t).y!,
        Float64Array.from(t, (each) => exact(each)[0]!),
      );
    const inside = error(on(0, 5, 201));
    const outside = error(on(5, 10, 201));
    console.log(
      `article: relL2 ${inside.toExponential(2)} on [0, 5], ${outside.toExponential(2)} on [5, 10], ${result.seconds.toFixed(1)} s, ${result.status}`,
    );
    result.model.dispose();
    expect(result.status).toBe('completed');
    expect(inside).toBeLessThan(2e-2);
    expect(outside).toBeGreaterThan(10 * inside);
  });
});
