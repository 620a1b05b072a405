import type { Command } from 'commander';
import { runSuiteCommand, type SuiteFlags, withSuiteFlags } from './bench.ts';
import type { CommandContext } from './command-context.ts';

/** `quadrant reproduce`: the article's three quadrants, learned dynamics and classical solvers, then the default suite, into one report. */
export function reproduceCommand(program: Command, context: CommandContext): void {
  withSuiteFlags(
    program
      .command('reproduce')
      .description(
        "the main job: the article's problem in all three quadrants, as learned dynamics and with the classical solvers, then every built-in problem, into ./quadrant-report",
      ),
    'quadrant-report',
  ).action(async (flags: SuiteFlags, command: Command) => {
    const registry = await context.registry(flags.plugin);
    const { expandSuite } = await import('../suite/expand-suite.ts');
    const { loadSuite } = await import('../suite/load-suite.ts');
    const cells = ['article', 'default'].flatMap((name) => {
      const { suite, baseDir } = loadSuite(name, context.cwd);
      return expandSuite(suite, registry).map((spec) => ({ spec, baseDir }));
    });
    // The README's figures are PNGs taken from this report, so it always rasterises them.
    await runSuiteCommand('reproduce', cells, { ...flags, png: true }, registry, context, command);
  });
}
