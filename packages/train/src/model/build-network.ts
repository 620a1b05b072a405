import { separateNetworks, withExactInitialConditions, withInputScaling } from '@quadrant/networks';
import { type NetworkV1, type Problem, QuadrantError } from '@quadrant/spec';
import { type BundleAxis, stateSlotOf } from '../bundles/bundle-box.ts';
import { parseEntryOptions } from '../registry/parse-entry-options.ts';
import type { Registry } from '../registry/registry.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';

/** The highest derivative order of any equation of the problem. */
export const problemOrder = (problem: Problem): number => Math.max(...problem.unknowns.map((unknown) => unknown.order));

/**
 * Builds the network of a run: the settings' architecture with one input (t) and one output
 * per unknown (or, with `networks: 'per-unknown'`, one such network per unknown side by side),
 * seeded by `settings.seed` and told the problem's initial state (for architectures that integrate from it), fed the domain scaled to [−1, 1] unless `inputScaling` is `none`,
 * wrapped into the trial solution that meets the initial values when `initialCondition` is `exact`
 * (its factor from `trialSolution`). A bundle's network (a non-empty `box`) takes the box's
 * values as further inputs, each range scaled to [−1, 1] too, and its trial solution takes the
 * initial values that are ranges from those inputs.
 * @throws QuadrantError `NO_SUCH_ENTRY`, `OPTIONS_INVALID`; `JETS_UNSUPPORTED` when the
 *   architecture's jets stop below the problem's order
 */
export function buildNetwork(
  problem: Problem,
  settings: Pick<TrainingSettings, 'architecture' | 'initialCondition' | 'trialSolution' | 'inputScaling' | 'networks' | 'seed'>,
  registry: Registry,
  box: readonly BundleAxis[] = [],
): NetworkV1 {
  const architecture = registry.architecture(settings.architecture.name);
  const order = problemOrder(problem);
  if (architecture.jetOrder < order) {
    throw new QuadrantError(
      'JETS_UNSUPPORTED',
      `architecture '${architecture.name}' gives input derivatives up to order ${architecture.jetOrder}, but problem '${problem.name}' has equations of order ${order}; choose an architecture whose jetOrder is at least ${order} (mlp, residual-mlp, fourier-mlp give 4)`,
    );
  }
  const options = parseEntryOptions(architecture, settings.architecture.options, 'architecture.options');
  const outputs = problem.unknowns.length;
  const inputs = 1 + box.length;
  const values = problem.unknowns.map((unknown) => problem.initial[unknown.name] ?? []);
  // The initial state in the coordinates the network sees: with input scaling, d/dτ = (length/2)·d/dt on τ ∈ [−1, 1].
  const scaled = settings.inputScaling === 'domain';
  const halfLength = (problem.domain[1] - problem.domain[0]) / 2;
  const domain: readonly [number, number] = scaled ? [-1, 1] : problem.domain;
  const stateOf = (each: readonly number[]) => (scaled ? each.map((value, k) => value * halfLength ** k) : each);
  // One network per unknown gets seeds seed, seed + 1, …: distinct weights, still fixed by the run's seed.
  const built =
    settings.networks === 'per-unknown' && outputs > 1
      ? separateNetworks(
          problem.unknowns.map((_, j) =>
            architecture.build(options, { inputs, outputs: 1, seed: settings.seed + j, initial: { domain, values: [stateOf(values[j]!)] } }),
          ),
        )
      : architecture.build(options, { inputs, outputs, seed: settings.seed, initial: { domain, values: values.map(stateOf) } });
  const further = box.map((axis) => ({ start: axis.range[0], end: axis.range[1] }));
  const network = settings.inputScaling === 'domain' ? withInputScaling(built, { start: problem.domain[0], end: problem.domain[1], further }) : built;
  if (settings.initialCondition === 'soft') return network;
  const { factor, timescale } = settings.trialSolution;
  const fromInputs = box.flatMap((axis, index) => (axis.kind === 'initial' ? [{ ...stateSlotOf(problem, axis.name), column: 1 + index }] : []));
  return withExactInitialConditions(network, {
    t0: problem.domain[0],
    values,
    ...(factor === 'exponential' ? { timescale: timescale * (problem.domain[1] - problem.domain[0]) } : {}),
    ...(fromInputs.length === 0 ? {} : { fromInputs }),
  });
}
