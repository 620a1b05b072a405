import { resolve } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import type { TrainingSettings } from '@quadrant/train';
import type { Command } from 'commander';
import type { CellResult } from '../results/cell-result.ts';
import { describeVerdict } from '../results/describe-verdict.ts';
import { bestSeed, compareSeedMerit, meritOfTraining, type SeedMerit } from '../results/seed-merit.ts';
import { formatSummaryTable, methodLabel, summarise } from '../summary/summary-table.ts';
import type { CommandContext } from './command-context.ts';
import { collect, parseInteger, parsePositive, parseWidths } from './parse-flags.ts';

interface RunFlags {
  problem: string;
  quadrant: string;
  config?: string;
  epochs?: number;
  seed: number;
  seeds?: number;
  json?: boolean;
  save?: string;
  resume?: string;
  architecture?: string;
  activation?: string;
  widths?: number[];
  optimiser?: string;
  learningRate?: number;
  points?: number;
  initialCondition?: string;
  weighting?: string;
  plugin: string[];
}

/** `quadrant run`: trains one cell (a problem in one quadrant) and prints its result. */
export function runCommand(program: Command, context: CommandContext): void {
  program
    .command('run')
    .description('train a network on one problem in one quadrant and report its errors in the domain and past it')
    .requiredOption('--problem <name|file>', 'a built-in problem name or a problem file (.json, .yaml)')
    .requiredOption('--quadrant <name>', 'data-only, pinn, solver, neural-ode, or another registered preset such as solver-first-order or article')
    .option('--config <file>', 'training settings (YAML or JSON), merged over the quadrant preset; flags override it')
    .option('--epochs <n>', 'maximum epochs', parseInteger('--epochs', 1))
    .option('--seed <n>', 'seed of weights, sampling and noise', parseInteger('--seed', 0), 0)
    .option(
      '--seeds <n>',
      'train n seeds (from --seed on) in one process: each one, their mean ± std, and the best by the verdict, which needs no reference (--save keeps that one)',
      parseInteger('--seeds', 1),
    )
    .option('--architecture <name>', 'network architecture (see quadrant list)')
    .option('--activation <name>', 'activation of the hidden layers (tanh, sin, leaky-relu, silu, softplus, sigmoid)')
    .option('--widths <list>', 'hidden-layer widths, e.g. 32,32', parseWidths)
    .option('--optimiser <name>', 'a single optimiser for the whole run (adam, sgd, lbfgs)')
    .option('--learning-rate <lr>', 'learning rate of the first optimiser phase', parsePositive('--learning-rate'))
    .option('--points <n>', 'collocation points', parseInteger('--points', 1))
    .option('--initial-condition <mode>', 'soft (a loss term) or exact (a trial solution that satisfies it by construction)')
    .option('--weighting <name>', 'how the loss terms are balanced during training: fixed, lr-annealing, relobralo, softadapt (see quadrant list)')
    .option('--json', 'print the result as JSON')
    .option(
      '--save <dir>',
      'save the trained model (settings, weights, the checkpoint to resume from and the loss history) to this folder, replacing the model there at once; a diverged run saves its best weights',
    )
    .option(
      '--resume <dir>',
      'continue training from a model saved with --save for --epochs more: from its epoch, optimiser phase and optimiser state (same settings give the run one would have had without stopping)',
    )
    .option('--plugin <module>', 'load a plugin module (repeatable)', collect, [])
    .action(async (flags: RunFlags) => {
      const registry = await context.registry(flags.plugin);
      const { bundleBox, loadModel, resolveSettings, saveBundle, saveModel } = await import('@quadrant/train');
      const { packageVersions } = await import('../cells/package-versions.ts');
      const { cellSpecSchema, networkMethods } = await import('../cells/cell-spec.ts');
      const { prepareCell, runCell } = await import('../cells/run-cell.ts');
      const { resolveProblem } = await import('../problems/resolve-problem.ts');
      const problem = await resolveProblem(flags.problem, registry, context.cwd);
      const method = networkMethods.has(flags.quadrant) ? flags.quadrant : undefined;
      const preset = registry.preset(flags.quadrant);
      const configPath = flags.config === undefined ? undefined : resolve(context.cwd, flags.config);
      const base = resolveSettings(preset.name, configPath === undefined ? {} : await readConfig(configPath), registry, configPath);
      const settings = applyFlags(base, flags);
      if (flags.resume !== undefined && flags.seeds !== undefined)
        throw new QuadrantError('INPUT_INVALID', '--seeds: --resume continues the one seed its model was trained with; leave out --seeds');
      const seeds = Array.from({ length: flags.seeds ?? 1 }, (_, index) => flags.seed + index);
      // A preset beyond the three quadrants (such as `article`) is a solver-quadrant run with its own settings.
      const cells = seeds.map((seed) =>
        prepareCell(
          cellSpecSchema.parse({ problem: flags.problem, method: method ?? quadrantOf(settings), preset: preset.name, settings, seed }),
          problem,
          registry,
        ),
      );
      if (flags.resume !== undefined && bundleBox(problem).length > 0) {
        throw new QuadrantError('INPUT_INVALID', `--resume: problem '${problem.name}' has ranges, and a bundle is trained in one go; run it without --resume`);
      }
      const initialModel = flags.resume === undefined ? undefined : await loadModel(resolve(context.cwd, flags.resume), registry);
      // With several seeds, --save keeps the best so far by the same order that picks the best result.
      let saved: SeedMerit | undefined;
      const keepIfBest = async (merit: SeedMerit, save: () => Promise<void>) => {
        if (saved !== undefined && compareSeedMerit(merit, saved) >= 0) return;
        await save();
        saved = merit;
      };
      try {
        const results: CellResult[] = [];
        for (const cell of cells) {
          results.push(
            await runCell(cell, registry, {
              versions: packageVersions(),
              ...(flags.save === undefined
                ? {}
                : {
                    onTrained: (trained) => keepIfBest(meritOfTraining(trained), () => saveModel(trained.model, resolve(context.cwd, flags.save!), trained)),
                    onTrainedBundle: (trained) =>
                      keepIfBest(meritOfTraining(trained), () =>
                        saveBundle(trained.model, resolve(context.cwd, flags.save!), { ...trained, epochs: trained.iterations }),
                      ),
                  }),
              ...(initialModel === undefined ? {} : { initialModel }),
            }),
          );
        }
        const best = bestSeed(results);
        if (results.length === 1) context.out(flags.json ? JSON.stringify(runSummary(best), undefined, 2) : formatRun(best));
        else context.out(flags.json ? JSON.stringify({ best: best.seed, seeds: results.map(runSummary) }, undefined, 2) : formatSeeds(results, best));
        if (best.status !== 'ok') context.fail(1);
      } finally {
        initialModel?.dispose();
      }
    });
}

async function readConfig(path: string): Promise<Record<string, unknown>> {
  const { readStructuredFile } = await import('../config/read-structured-file.ts');
  const raw = readStructuredFile(path, `--config ${path}`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new QuadrantError('CONFIG_INVALID', `${path}: expected an object of training settings`);
  return raw as Record<string, unknown>;
}

/** The quadrant a preset's settings amount to: with a data term it is data-only or PINN, else a DE solver. */
function quadrantOf(settings: Pick<TrainingSettings, 'losses'>): string {
  const losses = Object.keys(settings.losses);
  if (!losses.includes('data')) return 'solver';
  return losses.includes('residual') ? 'pinn' : 'data-only';
}

/**
 * Resolved settings with the flags patched over them. `--initial-condition` is whatever was
 * typed: `prepareCell` resolves the settings again and refuses a mode that is not soft or exact.
 */
type FlaggedSettings = Omit<TrainingSettings, 'initialCondition'> & { initialCondition: string };

/** Flags patched over resolved settings; an architecture flag starts from that architecture's own defaults. */
function applyFlags(base: TrainingSettings, flags: RunFlags): FlaggedSettings {
  const settings: FlaggedSettings = structuredClone(base);
  if (flags.architecture !== undefined && flags.architecture !== settings.architecture.name) settings.architecture = { name: flags.architecture, options: {} };
  if (flags.activation !== undefined) settings.architecture.options.activation = flags.activation;
  if (flags.widths !== undefined) settings.architecture.options.hidden = flags.widths;
  if (flags.optimiser !== undefined) settings.optimisers = [{ name: flags.optimiser, options: {} }];
  if (flags.learningRate !== undefined) settings.optimisers[0]!.options.learningRate = flags.learningRate;
  if (flags.points !== undefined) settings.sampler.options.points = flags.points;
  if (flags.initialCondition !== undefined) settings.initialCondition = flags.initialCondition;
  if (flags.epochs !== undefined) settings.epochs = flags.epochs;
  if (flags.weighting !== undefined && flags.weighting !== settings.weighting.name) settings.weighting = { name: flags.weighting, options: {} };
  return settings;
}

/** What `run --json` prints: the result without its grids, plus the final loss terms and the loss history. */
export function runSummary(result: CellResult): Record<string, unknown> {
  const { prediction: _prediction, reference: _reference, exact: _exact, data: _data, history, ...rest } = result;
  const last = history.epoch.length - 1;
  return {
    ...rest,
    history,
    finalLoss:
      last < 0
        ? null
        : {
            epoch: history.epoch[last],
            total: history.total[last],
            terms: Object.fromEntries(Object.entries(history.terms).map(([name, values]) => [name, values[last]])),
          },
  };
}

function formatRun(result: CellResult): string {
  const figure = (value: number | null) => (value === null ? 'not finite' : value.toExponential(3));
  const lines = [
    `${result.problem} × ${methodLabel(result)}${result.architecture === undefined ? '' : ` (${result.architecture})`}, seed ${result.seed}: ${result.status}${result.reason === undefined ? '' : ` — ${result.reason}`}`,
    `backend ${result.backend}, ${result.epochs} epochs, ${result.seconds.training.toFixed(2)} s training (${result.seconds.total.toFixed(2)} s in all)`,
    `in domain [${result.trainingDomain.join(', ')}]: relative L2 ${figure(result.metrics.inDomain.relativeL2)}, max error ${figure(result.metrics.inDomain.maxAbs)}`,
    `past it [${result.extrapolationDomain.join(', ')}]: relative L2 ${figure(result.metrics.extrapolation.relativeL2)}, max error ${figure(result.metrics.extrapolation.maxAbs)}`,
  ];
  if (result.verdict !== undefined) lines.push(`verdict: ${describeVerdict(result.verdict)}`);
  if (result.bundle !== undefined) {
    const names = result.bundle.box.map((axis) => `${axis.name} ∈ [${axis.range.join(', ')}]`).join(', ');
    const at = result.bundle.box.map((axis, index) => `${axis.name} = ${result.bundle!.worstAt[index]}`).join(', ');
    lines.push(
      `bundle over ${names}: relative L2 over ${result.bundle.points.length} values, worst ${figure(result.bundle.worst)} (at ${at}), median ${figure(result.bundle.median)}`,
    );
    if (result.bundle.fitSeconds !== undefined) lines.push(`parameters fitted through the frozen bundle in ${result.bundle.fitSeconds.toFixed(3)} s`);
  }
  for (const [name, { value, truth }] of Object.entries(result.learnedParameters ?? {})) {
    lines.push(
      `learned ${name} = ${value.toPrecision(6)}${truth === undefined ? '' : ` (true ${truth}, error ${((100 * Math.abs(value - truth)) / Math.abs(truth)).toFixed(2)}%)`}`,
    );
  }
  return lines.join('\n');
}

/** Several seeds of one cell: a line each, their mean ± std, and the best seed's full result. */
function formatSeeds(results: readonly CellResult[], best: CellResult): string {
  const figure = (value: number | null) => (value === null ? 'not finite' : value.toExponential(2));
  const lines = results.map(
    (result) =>
      `seed ${result.seed}: ${result.status}, ${result.seconds.training.toFixed(2)} s training, relative L2 ${figure(result.metrics.inDomain.relativeL2)} in domain` +
      (result.verdict === undefined ? '' : `, ${result.verdict.status} (estimated ${figure(result.verdict.estimatedError)})`),
  );
  return [
    ...lines,
    '',
    formatSummaryTable(summarise(results)),
    '',
    `best of ${results.length} seeds by the verdict (chosen without the reference): seed ${best.seed}`,
    formatRun(best),
  ].join('\n');
}
