import { resolve } from 'node:path';
import { type Problem, QuadrantError } from '@quadrant/spec';
import type { Command } from 'commander';
import { evenlySpaced } from '../cells/evenly-spaced.ts';
import type { CommandContext } from './command-context.ts';
import { collect, collectSetting, parseGrid } from './parse-flags.ts';

interface PredictFlags {
  model: string;
  grid?: Float64Array;
  set: Record<string, number>;
  json?: boolean;
  plugin: string[];
}

/** `quadrant predict`: a saved bundle evaluated at any θ of its box, without training, as CSV or JSON. */
export function predictCommand(program: Command, context: CommandContext): void {
  program
    .command('predict')
    .description(
      'evaluate a saved model without training: a bundle (trained over parameter ranges) at given parameter values, any other model on a grid (CSV, or JSON with --json)',
    )
    .requiredOption('--model <dir>', 'a model saved with quadrant run --save <dir> (a folder), or the one .json file the playground downloads')
    .option('--grid <a:b:n>', 'n evenly spaced points from a to b (default: the problem domain, 101 points)', parseGrid)
    .option('--set <name=value>', "a value of one of the bundle's ranges, inside it (repeatable); ranges not set take their middle", collectSetting, {})
    .option('--json', 'print JSON instead of CSV')
    .option('--plugin <module>', 'load a plugin module (repeatable)', collect, [])
    .action(async (flags: PredictFlags) => {
      const registry = await context.registry(flags.plugin);
      const { boxPoint, loadBundle, loadModel, savedModelKind } = await import('@quadrant/train');
      const path = resolve(context.cwd, flags.model);
      if ((await savedModelKind(path)) === 'model') {
        // A model of one problem: its values wherever asked, past its training domain too (as the report shows them).
        const model = await loadModel(path, registry);
        try {
          const names = Object.keys(flags.set);
          if (names.length > 0) {
            throw new QuadrantError(
              'INPUT_INVALID',
              `--set ${names[0]}: ${flags.model} was trained for one value of each parameter, without ranges; drop --set`,
            );
          }
          const [start, end] = model.problem.domain;
          const grid = flags.grid ?? evenlySpaced(start, end, 101);
          printValues(context, flags, model.problem, {}, grid, model.predict(grid));
        } finally {
          model.dispose();
        }
        return;
      }
      const model = await loadBundle(path, registry);
      try {
        const theta = boxPoint(model.box, flags.set, '--set');
        const { problem } = model;
        const [start, end] = problem.domain;
        const grid = flags.grid ?? evenlySpaced(start, end, 101);
        if (grid[0]! < start || grid[grid.length - 1]! > end) {
          throw new QuadrantError(
            'INPUT_INVALID',
            `--grid [${grid[0]}, ${grid[grid.length - 1]}] leaves the domain [${start}, ${end}] the bundle was trained on; give a grid inside it`,
          );
        }
        const at = Object.fromEntries(model.box.map((axis, index) => [axis.name, theta[index]!]));
        printValues(context, flags, problem, at, grid, model.predict(grid, theta));
      } finally {
        model.dispose();
      }
    });
}

/** The values as CSV (a column per unknown) or, with `--json`, one JSON object. */
function printValues(
  context: CommandContext,
  flags: PredictFlags,
  problem: Pick<Problem, 'name' | 'independent'>,
  at: Record<string, number>,
  grid: Float64Array,
  values: Record<string, Float64Array>,
): void {
  if (flags.json) {
    context.out(
      JSON.stringify({
        problem: problem.name,
        independent: problem.independent,
        at,
        t: Array.from(grid),
        values: Object.fromEntries(Object.entries(values).map(([name, series]) => [name, Array.from(series)])),
      }),
    );
    return;
  }
  const names = Object.keys(values);
  const lines = [[problem.independent, ...names].join(',')];
  grid.forEach((t, i) => {
    lines.push([t, ...names.map((name) => values[name]![i]!)].map((value) => String(value)).join(','));
  });
  context.out(lines.join('\n'));
}
