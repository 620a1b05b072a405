import cliProgress from 'cli-progress';

/** Progress of a batch of cells: a bar with ETA on a terminal, plain lines otherwise. */
export interface ProgressReporter {
  /** A cell's training advanced to `fraction` (0–1) of its epochs. */
  advance(key: string, fraction: number): void;
  /** A cell ended; `line` says how. */
  finish(key: string, line: string): void;
  stop(): void;
}

/**
 * A progress reporter over `total` cells, each weighted equally. Writes to stderr so `--json`
 * output on stdout stays clean. Off a terminal (CI, a pipe) it prints one line per finished
 * cell with the count and the estimated time left, since a redrawn bar would be noise.
 */
export function createProgressReporter(total: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const started = Date.now();
  const partial = new Map<string, number>();
  let finished = 0;
  const done = () => finished + [...partial.values()].reduce((sum, fraction) => sum + fraction, 0);
  const eta = () => {
    const elapsed = (Date.now() - started) / 1000;
    const progress = done();
    return progress <= 0 ? '?' : formatSeconds((elapsed * (total - progress)) / progress);
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: ' {bar} {percentage}% | {value}/{total} cells | ETA {eta_text} | {last}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { eta_text: '?', last: '' });
    return {
      advance(key, fraction) {
        partial.set(key, fraction);
        bar.update(Math.floor(done()), { eta_text: eta() });
      },
      finish(key, line) {
        partial.delete(key);
        finished += 1;
        bar.update(finished, { eta_text: eta(), last: line });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    advance(key, fraction) {
      partial.set(key, fraction);
    },
    finish(key, line) {
      partial.delete(key);
      finished += 1;
      stream.write(`[${finished}/${total}] ${line} (elapsed ${formatSeconds((Date.now() - started) / 1000)}, ETA ${eta()})\n`);
    },
    stop() {},
  };
}

/** Seconds as `42s` or `3m05s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}
