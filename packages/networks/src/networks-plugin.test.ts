import { describe, expect, it } from 'vitest';
import { networksPlugin } from './networks-plugin.ts';

describe('networksPlugin', () => {
  it('carries the five built-in architectures, each with jets up to order 4 and options that parse {}', () => {
    expect(networksPlugin.specVersion).toBe('v1');
    expect(networksPlugin.name).toBe('@quadrant/networks');
    expect(networksPlugin.architectures?.map((architecture) => architecture.name)).toEqual([
      'mlp',
      'residual-mlp',
      'fourier-mlp',
      'random-features',
      'neural-ode',
    ]);
    for (const architecture of networksPlugin.architectures ?? []) {
      expect(architecture.jetOrder).toBe(4);
      expect(architecture.options.safeParse({}).success).toBe(true);
      expect(architecture.description.length).toBeGreaterThan(0);
    }
  });
});
