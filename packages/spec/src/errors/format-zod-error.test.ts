import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodIssue, formatZodError, zodIssuePath } from './format-zod-error.ts';

const options = z.strictObject({ hidden: z.array(z.int().positive()), activation: z.string() });

describe('formatZodError', () => {
  it('names where, the dotted field path and what is wrong with the first issue', () => {
    const error = options.safeParse({ hidden: [32, 0], activation: 'tanh' }).error!;
    expect(formatZodError('suite.yaml', error)).toBe('suite.yaml: hidden.1: Too small: expected number to be >0');
    expect(formatZodError('suite.yaml', error, { entry: 'mlp' })).toBe('suite.yaml: mlp.hidden.1: Too small: expected number to be >0');
  });

  it('joins every issue with `; ` when asked, and says (root) for the value itself', () => {
    const error = options.safeParse({ hidden: [0] }).error!;
    expect(formatZodError('cell', error, { all: true })).toBe(`cell: ${error.issues.map((issue) => describeZodIssue(issue)).join('; ')}`);
    expect(error.issues).toHaveLength(2);
    const root = options.safeParse(3).error!.issues[0]!;
    expect(zodIssuePath(root)).toBe('(root)');
    expect(zodIssuePath(root, 'mlp')).toBe('mlp');
  });
});
