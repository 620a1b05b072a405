import { processContext } from '../src/commands/command-context.ts';
import { main } from '../src/main.ts';
import type { QuadrantRun } from './run-quadrant.ts';

/**
 * Runs `quadrant <args>` in this process through `main`, with its output captured: the same
 * program as the built CLI, fast enough for thousands of inputs. `runQuadrant` proves the
 * process-level behaviour (exit status, nothing past the one line) on a sample.
 */
export async function runInProcess(args: readonly string[]): Promise<QuadrantRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exitCode = await main(args, { ...processContext(), out: (text) => stdout.push(text), err: (text) => stderr.push(text) });
  return { exitCode, stdout: stdout.map((text) => `${text}\n`).join(''), stderr: stderr.map((text) => `${text}\n`).join('') };
}
