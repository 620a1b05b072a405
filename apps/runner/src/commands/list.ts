import type { Command } from 'commander';
import type { CommandContext } from './command-context.ts';
import { collect } from './parse-flags.ts';

/** `quadrant list`: every registered entry by kind, with its description and the plugin it came from. */
export function listCommand(program: Command, context: CommandContext): void {
  program
    .command('list')
    .description('list the registered problems, architectures, losses, solvers, samplers, optimisers, presets and suites')
    .option('--json', 'print JSON')
    .option('--plugin <module>', 'load a plugin module (repeatable)', collect, [])
    .action(async (flags: { json?: boolean; plugin: string[] }) => {
      const registry = await context.registry(flags.plugin);
      const { pluginFields, registryKinds } = await import('@quadrant/train');
      const { builtInSuiteNames, loadSuite } = await import('../suite/load-suite.ts');
      const listing: Record<string, { name: string; description: string; plugin: string }[]> = {};
      for (const kind of registryKinds)
        listing[pluginFields[kind]] = registry.list(kind).map(({ name, description, plugin }) => ({ name, description, plugin }));
      listing.suites = builtInSuiteNames().map((name) => ({ name, description: loadSuite(name, context.cwd).suite.description, plugin: '@quadrant/runner' }));
      if (flags.json) {
        context.out(JSON.stringify(listing, undefined, 2));
        return;
      }
      const sections = Object.entries(listing).map(([kind, entries]) => {
        const width = Math.max(...entries.map((entry) => entry.name.length));
        return [`${kind}:`, ...entries.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.description} [${entry.plugin}]`)].join('\n');
      });
      context.out(sections.join('\n\n'));
    });
}
