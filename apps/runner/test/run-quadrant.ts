import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI, as a user runs it (tests of the runner depend on its build). */
export const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A test fixture file by name. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./problems/${name}`, import.meta.url));

export interface QuadrantRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a `quadrant` child process ended. */
export interface QuadrantProcessRun extends QuadrantRun {
  /** The signal that ended it, if one did. */
  readonly signal: NodeJS.Signals | null;
}

/** A `quadrant` process running in the background. */
export interface StartedQuadrant {
  readonly child: ChildProcessWithoutNullStreams;
  /** Settles when the process has ended and its output is closed. */
  readonly done: Promise<QuadrantProcessRun>;
}

/** Starts `quadrant <args>` in a child process, on the wasm backend unless `env` says otherwise. */
export function startQuadrant(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): StartedQuadrant {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, QUADRANT_BACKEND: process.env.QUADRANT_BACKEND ?? 'wasm', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<QuadrantProcessRun>((resolve) => child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr })));
  return { child, done };
}

/** Runs `quadrant <args>` in a child process to its end, on the wasm backend unless `env` says otherwise. */
export function runQuadrant(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<QuadrantProcessRun> {
  return startQuadrant(args, options).done;
}

/** Newline-terminated lines of a file (0 while it does not exist). */
export function completeLineCount(path: string): number {
  if (!existsSync(path)) return 0;
  const bytes = readFileSync(path);
  let count = 0;
  for (const byte of bytes) if (byte === 0x0a) count++;
  return count;
}

/**
 * Resolves once `path` holds at least `count` newline-terminated lines, so a test acts on a
 * point in the results file rather than after a guessed delay.
 * @throws when `run` ends first
 */
export function untilLines(path: string, count: number, run: StartedQuadrant): Promise<void> {
  let ended: QuadrantProcessRun | undefined;
  void run.done.then((result) => (ended = result));
  return new Promise((resolve, reject) => {
    const poll = () => {
      const lines = completeLineCount(path);
      if (lines >= count) return resolve();
      if (ended !== undefined)
        return reject(new Error(`quadrant ended (exit ${ended.exitCode}) with ${lines} of the ${count} lines awaited in ${path}: ${ended.stderr}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}
