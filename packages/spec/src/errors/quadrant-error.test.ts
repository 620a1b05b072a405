import { describe, expect, it, vi } from 'vitest';
import { closestName, didYouMean } from './did-you-mean.ts';
import { NoSuchEntryError } from './no-such-entry-error.ts';
import { QuadrantError } from './quadrant-error.ts';

describe('QuadrantError', () => {
  it('is recognised by isInstance across copies (a global symbol, not instanceof)', () => {
    const error = new QuadrantError('PROBLEM_INVALID', 'bad');
    const copy = Object.assign(Object.create(Error.prototype), { [Symbol.for('quadrant.error')]: true, code: 'PROBLEM_INVALID' });
    expect(QuadrantError.isInstance(error)).toBe(true);
    expect(QuadrantError.isInstance(copy)).toBe(true);
    expect(QuadrantError.isInstance(new Error('plain'))).toBe(false);
    expect(QuadrantError.hasCode(error, 'PROBLEM_INVALID')).toBe(true);
    expect(QuadrantError.hasCode(error, 'OPTIONS_INVALID')).toBe(false);
  });

  it('NoSuchEntryError lists what is available and suggests the closest name', () => {
    const error = new NoSuchEntryError('architecture', 'sirne', ['residual-mlp', 'mlp', 'siren', 'fourier-mlp']);
    expect(error.code).toBe('NO_SUCH_ENTRY');
    expect(error.message).toBe("no such architecture 'sirne'; available: fourier-mlp, mlp, residual-mlp, siren (did you mean 'siren'?)");
    expect(QuadrantError.isInstance(error)).toBe(true);
  });
});

describe('didYouMean', () => {
  it('suggests a near name and stays silent for a far one', () => {
    expect(didYouMean('omga', ['omega', 'zeta', 't'])).toBe(" (did you mean 'omega'?)");
    expect(closestName('xyzzy', ['omega', 'zeta'])).toBeUndefined();
  });

  it('skips names far longer than any candidate without comparing them letter by letter', () => {
    const pasted = 'y'.repeat(10_000_000);
    // Every comparison lower-cases both names first: the pasted one must never get that far.
    const lowerCased = vi.spyOn(String.prototype, 'toLowerCase');
    try {
      expect(didYouMean(pasted, ['omega', 'zeta', 'y'])).toBe('');
      expect(lowerCased.mock.contexts.filter((text) => String(text).length > 5)).toEqual([]);
      // The spy sees the comparisons it guards: a name of a candidate's length is lower-cased.
      expect(didYouMean('omga', ['omega'])).toBe(" (did you mean 'omega'?)");
      expect(lowerCased.mock.contexts.map(String)).toContain('omga');
    } finally {
      lowerCased.mockRestore();
    }
  });
});

describe('NoSuchEntryError', () => {
  it('quotes a name with control characters, or a very long one, escaped and cut short: one line', () => {
    expect(new NoSuchEntryError('architecture', 'ml\np', ['mlp']).message).toBe(`no such architecture "ml\\np"; available: mlp (did you mean 'mlp'?)`);
    expect(new NoSuchEntryError('solver', 'x'.repeat(100), ['rk4']).message).toBe(`no such solver "${'x'.repeat(60)}…"; available: rk4`);
  });
});
