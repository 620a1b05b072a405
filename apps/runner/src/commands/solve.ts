import { QuadrantError } from '@quadrant/spec';
import type { Command } from 'commander';
import { evenlySpaced } from '../cells/evenly-spaced.ts';
import type { CommandContext } from './command-context.ts';
import { collect, parseGrid } from './parse-flags.ts';

/** `quadrant solve`: a classical solution of a problem on a grid, as CSV or JSON. */
export function solveCommand(program: Command, context: CommandContext): void {
  program
    .command('solve')
    .description('solve a problem with a classical solver and print the solution (CSV, or JSON with --json)')
    .requiredOption('--problem <name|file>', 'a built-in problem name or a problem file (.json, .yaml)')
    .option('--solver <name>', 'odex (Gragg–Bulirsch–Stoer, tolerance 1e-10), rodas (Rodas4, for stiff problems), rk4 or euler', 'odex')
    .option('--grid <a:b:n>', 'n evenly spaced points from a to b (default: the problem domain, 101 points)', parseGrid)
    .option('--json', 'print JSON instead of CSV')
    .option('--plugin <module>', 'load a plugin module (repeatable)', collect, [])
    .action(async (flags: { problem: string; solver: string; grid?: Float64Array; json?: boolean; plugin: string[] }) => {
      const registry = await context.registry(flags.plugin);
      const { solveProblem } = await import('@quadrant/solvers');
      const { resolveProblem } = await import('../problems/resolve-problem.ts');
      const problem = await resolveProblem(flags.problem, registry, context.cwd);
      const solver = registry.solver(flags.solver);
      const [start, end] = problem.domain;
      const grid = flags.grid ?? evenlySpaced(start, end, 101);
      if (grid[0]! < start) {
        throw new QuadrantError(
          'INPUT_INVALID',
          `--grid starts at ${grid[0]}, before the start ${start} of ${problem.origin}'s domain; solvers integrate forward from it`,
        );
      }
      const { solution } = solveProblem(problem, { grid, solver });
      if (flags.json) {
        context.out(
          JSON.stringify({
            problem: problem.name,
            solver: solution.solver,
            independent: problem.independent,
            t: Array.from(grid),
            values: Object.fromEntries(solution.names.map((name, c) => [name, Array.from(solution.values[c]!)])),
            stats: solution.stats,
          }),
        );
        return;
      }
      const lines = [[problem.independent, ...solution.names].join(',')];
      grid.forEach((t, i) => {
        lines.push([t, ...solution.values.map((component) => component[i]!)].map((value) => String(value)).join(','));
      });
      context.out(lines.join('\n'));
    });
}
