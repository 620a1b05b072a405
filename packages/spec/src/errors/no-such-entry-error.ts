import { didYouMean } from './did-you-mean.ts';
import { QuadrantError } from './quadrant-error.ts';

/** The kinds of entry a registry holds; also the words used in messages. */
export type EntryKind = 'architecture' | 'loss' | 'problem' | 'solver' | 'sampler' | 'optimiser' | 'preset' | 'activation' | 'weighting' | 'suite';

/** A name looked up in a registry is not there; the message lists what is, and the closest name. */
export class NoSuchEntryError extends QuadrantError {
  constructor(
    readonly kind: EntryKind,
    readonly entry: string,
    readonly available: readonly string[],
  ) {
    const sorted = [...available].sort();
    super('NO_SUCH_ENTRY', `no such ${kind} ${quoteEntry(entry)}; available: ${sorted.length > 0 ? sorted.join(', ') : '(none)'}${didYouMean(entry, sorted)}`);
    this.name = 'NoSuchEntryError';
  }
}

// A name as typed is quoted as is; one with control or invisible characters, or too long to
// read, is escaped and cut short, so the message stays one line a user can read.
function quoteEntry(entry: string): string {
  if (/^[^\p{C}]{0,60}$/u.test(entry)) return `'${entry}'`;
  return JSON.stringify(entry.length > 60 ? `${entry.slice(0, 60)}…` : entry);
}
