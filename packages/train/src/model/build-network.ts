import { withExactInitialConditions, withInputScaling } from '@quadrant/networks';
import { type NetworkV1, type Problem, QuadrantError } from '@quadrant/spec';
import { parseEntryOptions } from '../registry/parse-entry-options.ts';
import type { Registry } from '../registry/registry.ts';
import type { TrainingSettings } from '../settings/training-settings-schema.ts';

/** The highest derivative order of any equation of the problem. */
export const problemOrder = (problem: Problem): number => Math.max(...problem.unknowns.map((unknown) => unknown.order));

/**
 * Builds the network of a run: the settings' architecture with one input (t) and one output
 * per unknown, seeded by `settings.seed`, wrapped into the trial solution that meets the
 * initial values when `initialCondition` is `exact`.
 * @throws QuadrantError `NO_SUCH_ENTRY`, `OPTIONS_INVALID`; `JETS_UNSUPPORTED` when the
 *   architecture's jets stop below the problem's order
 */
export function buildNetwork(problem: Problem, settings: Pick<TrainingSettings, 'architecture' | 'initialCondition' | 'inputScaling' | 'seed'>, registry: Registry): NetworkV1 {
  const architecture = registry.architecture(settings.architecture.name);
  const order = problemOrder(problem);
  if (architecture.jetOrder < order) {
    throw new QuadrantError(
      'JETS_UNSUPPORTED',
      `architecture '${architecture.name}' gives input derivatives up to order ${architecture.jetOrder}, but problem '${problem.name}' has equations of order ${order}; choose an architecture whose jetOrder is at least ${order} (mlp, residual-mlp, fourier-mlp give 4)`,
    );
  }
  const options = parseEntryOptions(architecture, settings.architecture.options, 'architecture.options');
  const built = architecture.build(options, { inputs: 1, outputs: problem.unknowns.length, seed: settings.seed });
  const network = settings.inputScaling === 'domain' ? withInputScaling(built, { start: problem.domain[0], end: problem.domain[1] }) : built;
  if (settings.initialCondition === 'soft') return network;
  return withExactInitialConditions(network, {
    t0: problem.domain[0],
    values: problem.unknowns.map((unknown) => problem.initial[unknown.name] ?? []),
  });
}
