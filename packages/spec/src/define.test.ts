import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineArchitecture, definePlugin } from './define.ts';

describe('define helpers', () => {
  it('stamp the spec version and keep every field', () => {
    const architecture = defineArchitecture({
      name: 'tiny',
      description: 'a test architecture',
      options: z.object({ width: z.number().default(3) }),
      jetOrder: 0,
      build: () => {
        throw new Error('not built in this test');
      },
    });
    const plugin = definePlugin({ name: 'lab', architectures: [architecture] });
    expect(architecture.specVersion).toBe('v1');
    expect(plugin.specVersion).toBe('v1');
    expect(plugin.architectures?.[0]?.name).toBe('tiny');
    expect(architecture.options.parse({})).toEqual({ width: 3 });
  });
});
