import { residualLoss } from '@quadrant/losses';
import { didYouMean, type Problem, QuadrantError } from '@quadrant/spec';
import type { TrainedModel } from '../model/trained-model.ts';
import { parseEntryOptions } from '../registry/parse-entry-options.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';
import type { TrainingData, TrainingOptions, TrainingPlan } from './training-plan.ts';

/** The default history spacing: at most ~500 points. */
export const defaultLogEvery = (epochs: number): number => Math.max(1, Math.ceil(epochs / 500));

/**
 * Checks the settings against the problem and the registry and resolves every entry, before anything is built.
 * @throws QuadrantError `CONFIG_INVALID`, `NO_SUCH_ENTRY`, `OPTIONS_INVALID` (see `train`)
 */
export function planTraining(problem: Problem, settings: TrainingSettings, options: TrainingOptions): TrainingPlan {
  const { registry } = options;
  const data = options.data ?? problemData(problem);
  const context = { problem, unknowns: problem.unknowns.map((unknown) => unknown.name), data };
  const termSettings = Object.entries(settings.losses).filter(([name]) => !(settings.initialCondition === 'exact' && name === 'initial-condition'));
  const lossTerms = termSettings.map(([name, term]) => {
    const entry = registry.loss(name);
    if (entry.needsData && data === undefined) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: losses.${name}: the '${name}' term needs observations, but problem '${problem.name}' has none; pass data to train(), add "data" to the problem, or drop the term (the 'solver' preset trains without data)`,
      );
    }
    return { name, weight: term.weight, entry, options: parseEntryOptions(entry, term.options, `settings: losses.${name}.options`) };
  });
  const samplerEntry = registry.sampler(settings.sampler.name);
  const weightingEntry = registry.weighting(settings.weighting.name);
  const resolved = settings.optimisers.map((phase, index) => {
    const entry = registry.optimiser(phase.name);
    return { entry, options: parseEntryOptions(entry, phase.options, `settings: optimisers.${index}.options`), epochs: phase.epochs, index };
  });
  const secondOrder = resolved.filter((phase) => phase.entry.leastSquares !== undefined);
  if (secondOrder.some((phase) => phase.index !== resolved.length - 1)) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `settings: optimisers.${secondOrder[0]!.index}: '${secondOrder[0]!.entry.name}' works on the residual in float64 and can only be the last phase`,
    );
  }
  const phases = resolved.filter((phase) => phase.entry.leastSquares === undefined);
  phases.forEach((phase) => {
    if (phase.epochs === undefined && phase.index < resolved.length - 1) {
      throw new QuadrantError('CONFIG_INVALID', `settings: optimisers.${phase.index}.epochs: every phase but the last needs its number of epochs`);
    }
  });
  const leastSquares = secondOrder[0];
  const learnable = Object.entries(problem.parameters).filter(([, parameter]) => parameter.learn);
  if (leastSquares !== undefined) {
    if (learnable.length > 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: optimisers.${leastSquares.index}: '${leastSquares.entry.name}' fits the network alone, and problem '${problem.name}' learns ${learnable.map(([name]) => name).join(', ')}; use a first-order optimiser (adam, lbfgs) to learn parameters`,
      );
    }
    const others = lossTerms.filter((term) => term.name !== residualLoss.name);
    if (others.length > 0 || lossTerms.length === 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: optimisers.${leastSquares.index}: '${leastSquares.entry.name}' minimises the equation residual with exact initial conditions; drop the ${others.map((term) => `'${term.name}'`).join(', ') || 'other'} term${others.length === 1 ? '' : 's'} (initialCondition: exact) or use a first-order optimiser`,
      );
    }
  }
  const parameterStart = { ...parameterValues(problem, settings.parameters), ...learnedValues(problem, options.initialModel) };
  if (settings.strategy.name === 'marching') {
    if (lossTerms.some((term) => term.entry.needsData) || learnable.length > 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: strategy: marching hands each window's end to the next as its initial condition and trains on the equation alone, so it takes no data terms and no learnable parameters${learnable.length > 0 ? ` (problem '${problem.name}' learns ${learnable.map(([name]) => name).join(', ')})` : ''}`,
      );
    }
  }
  if (options.initialModel !== undefined && options.initialModel.pieces.length !== 1) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `initial model: it was trained by marching (${options.initialModel.pieces.length} windows); only a model of one network can be continued`,
    );
  }
  const checkpoint = options.initialModel?.checkpoint;
  if (checkpoint !== undefined && (checkpoint.phase > phases.length || (checkpoint.phase === phases.length && leastSquares === undefined))) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `${checkpoint.source ?? 'initial model'}: it stopped in optimiser phase ${checkpoint.phase}, and these settings have ${phases.length} first-order phase${phases.length === 1 ? '' : 's'}${leastSquares === undefined ? '' : ' and a least-squares one'}; continue with the optimisers it was trained with`,
    );
  }
  return {
    problem,
    settings,
    registry,
    context,
    lossTerms,
    sampler: { entry: samplerEntry, options: parseEntryOptions(samplerEntry, settings.sampler.options, 'settings: sampler.options') },
    weighting: { entry: weightingEntry, options: parseEntryOptions(weightingEntry, settings.weighting.options, 'settings: weighting.options') },
    phases: phases.map(({ entry, options: parsed, epochs }) => ({ entry, options: parsed, epochs })),
    leastSquares: leastSquares === undefined ? undefined : { entry: leastSquares.entry, options: leastSquares.options, epochs: leastSquares.epochs },
    parameterStart,
    logEvery: settings.logEvery ?? defaultLogEvery(settings.epochs),
    callbacks: options.callbacks,
    signal: options.signal,
  };
}

/** The problem's own observations as numbers, if it has any. */
function problemData(problem: Problem): TrainingData | undefined {
  if (problem.data === undefined) return undefined;
  return {
    t: Float64Array.from(problem.data.t),
    values: Object.fromEntries(Object.entries(problem.data.values).map(([name, series]) => [name, Float64Array.from(series)])),
  };
}

/**
 * Starting value of every parameter: the override, else the value (known) or guess (learnable).
 * @throws QuadrantError `CONFIG_INVALID` for an override of a parameter the problem does not have
 */
export function parameterValues(problem: Problem, overrides: Readonly<Record<string, number>>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [name, parameter] of Object.entries(problem.parameters)) values[name] = parameter.learn ? parameter.guess : (parameter.value ?? parameter.guess);
  const known = Object.keys(values);
  for (const [name, value] of Object.entries(overrides)) {
    if (!known.includes(name)) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: parameters.${name}: problem '${problem.name}' has no parameter '${name}'${didYouMean(name, known)}; parameters: ${known.join(', ') || '(none)'}`,
      );
    }
    values[name] = value;
  }
  return values;
}

/** The learnable parameters' values of a model to continue from (none without one). */
function learnedValues(problem: Problem, model: TrainedModel | undefined): Record<string, number> {
  if (model === undefined) return {};
  return Object.fromEntries(Object.entries(model.parameters).filter(([name]) => problem.parameters[name]?.learn === true));
}
