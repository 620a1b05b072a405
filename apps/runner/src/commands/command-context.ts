import type { Registry } from '@quadrant/train';

/** What every command needs from its surroundings; tests pass their own. */
export interface CommandContext {
  readonly cwd: string;
  /** Writes a line of output (stdout). */
  out(text: string): void;
  /** Writes a line of diagnostics (stderr). */
  err(text: string): void;
  /** A fresh registry of the built-ins plus the given plugin modules (paths relative to `cwd`). */
  registry(plugins: readonly string[]): Promise<Registry>;
  /** Sets the process exit code (1 when a run failed or diverged). */
  fail(code: number): void;
}

/** The context of the real CLI process. */
export function processContext(): CommandContext {
  const cwd = process.cwd();
  return {
    cwd,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    // Loaded by the commands that need a registry, not by `--help` (see main.ts).
    registry: async (plugins) => {
      const { createRegistry, defaultRegistry, loadPlugin } = await import('@quadrant/train');
      return createRegistry({ extends: defaultRegistry, plugins: await Promise.all(plugins.map((specifier) => loadPlugin(specifier, cwd))) });
    },
    fail: (code) => {
      process.exitCode = code;
    },
  };
}
