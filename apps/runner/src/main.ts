import { QuadrantError } from '@quadrant/spec';
import { Command, CommanderError } from 'commander';
import { packageVersions } from './cells/package-versions.ts';
import { benchCommand } from './commands/bench.ts';
import { type CommandContext, processContext } from './commands/command-context.ts';
import { listCommand } from './commands/list.ts';
import { predictCommand } from './commands/predict.ts';
import { reportCommand } from './commands/report.ts';
import { reproduceCommand } from './commands/reproduce.ts';
import { runCommand } from './commands/run.ts';
import { solveCommand } from './commands/solve.ts';
import { workerCommand } from './commands/worker.ts';

/** Error codes that mean the user's input is wrong: exit code 2. Anything else that escapes is exit code 1. */
const inputErrorCodes = new Set<QuadrantError['code']>([
  'PROBLEM_INVALID',
  'OPTIONS_INVALID',
  'CONFIG_INVALID',
  'NO_SUCH_ENTRY',
  'DUPLICATE_ENTRY',
  'JETS_UNSUPPORTED',
  'SPEC_VERSION_UNSUPPORTED',
  'PLUGIN_INVALID',
  'ARTEFACT_INVALID',
  'INPUT_INVALID',
  'BACKEND_UNAVAILABLE',
]);

/** The `quadrant` program with every command, writing through `context`. */
export function createProgram(context: CommandContext): Command {
  const program = new Command('quadrant')
    .description('Equation-informed neural networks for ODEs: data-only, PINN, DE-solver and learned-dynamics (neural ODE) training side by side.')
    .version(packageVersions()['@quadrant/runner'] ?? '0.0.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ writeOut: (text) => context.out(text.trimEnd()), writeErr: (text) => context.err(text.trimEnd()) });
  for (const add of [reproduceCommand, runCommand, solveCommand, predictCommand, benchCommand, workerCommand, reportCommand, listCommand])
    add(program, context);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 a run failed or diverged, 2 bad input (a
 * message that names the file, field or flag, never a stack trace). It leaves the process's
 * own exit code alone, so it can run in-process many times (the bin sets it from the result).
 */
export async function main(argv: readonly string[], context: CommandContext = processContext()): Promise<number> {
  let exitCode = 0;
  const program = createProgram({ ...context, fail: (code) => (exitCode = Math.max(exitCode, code)) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    exitCode = exitCodeOf(error, context);
  }
  return exitCode;
}

function exitCodeOf(error: unknown, context: CommandContext): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; everything else commander refuses is bad input (already printed).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (QuadrantError.isInstance(error)) {
    context.err(`error: ${error.message}`);
    return inputErrorCodes.has(error.code) ? 2 : 1;
  }
  context.err(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}
