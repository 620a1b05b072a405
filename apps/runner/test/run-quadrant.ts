import { spawn } from 'node:child_process';
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

/** Runs `quadrant <args>` in a child process, on the wasm backend unless `env` says otherwise. */
export function runQuadrant(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<QuadrantRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, QUADRANT_BACKEND: process.env.QUADRANT_BACKEND ?? 'wasm', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
