import { residualLoss } from '@quadrant/losses';
import { type LeastSquaresProblemV1, type Problem, QuadrantError } from '@quadrant/spec';
import type { Tensor1D } from '@tensorflow/tfjs-core';
import { selectBackend } from '../backend/select-backend.ts';
import { buildNetwork } from '../model/build-network.ts';
import type { Registry } from '../registry/registry.ts';
import { bundlePointsDefault, type TrainingSettings } from '../settings/training-settings-schema.ts';
import { residualLeastSquares } from '../training/least-squares-phase.ts';
import { planTraining } from '../training/plan-training.ts';
import { recordHistory, type TrainingHistory } from '../training/training-plan.ts';
import { boxGrid, bundleBox, problemAt } from './bundle-box.ts';
import { type BundleModel, createBundleModel, repeatPoint } from './bundle-model.ts';

/** How training a bundle ended, with the model. */
export interface BundleTraining {
  readonly model: BundleModel;
  readonly status: 'completed' | 'stopped' | 'diverged';
  readonly reason?: string;
  /** Iterations of the least-squares optimiser. */
  readonly iterations: number;
  /** The residual loss after each iteration (the first entry at the start). */
  readonly history: TrainingHistory;
  /** Collocation pairs (t, θ) the residual was sampled at. */
  readonly points: number;
}

/**
 * The equation residual of a problem at fixed (t, θ) pairs as one least-squares problem over a
 * bundle network's float64 parameters: for each θ of `thetas`, the residual at the points `t`
 * of the problem at θ (`residualLeastSquares`, its network fed θ as further inputs), stacked,
 * each block weighted so that ½‖r‖² is half the mean squared residual over all pairs.
 */
export function bundleLeastSquares(
  problem: Problem,
  network: BundleModel['network'],
  t: Float64Array,
  thetas: readonly (readonly number[])[],
  weight: number,
): LeastSquaresProblemV1 {
  const box = bundleBox(problem);
  const path = network.float64;
  const blocks = thetas.map((theta) => {
    const at = problemAt(problem, box, theta);
    const extra = repeatPoint(theta, t.length);
    const view = {
      ...path,
      jets: (values: Float64Array, points: Float64Array, order: number, jacobian: boolean) => path.jets(values, points, order, jacobian, extra),
    };
    return residualLeastSquares(at.problem, view, t, at.parameters, weight / thetas.length);
  });
  return {
    size: path.size,
    evaluate(values, withJacobian) {
      const parts = blocks.map((block) => block.evaluate(values, withJacobian));
      const rows = parts.reduce((total, part) => total + part.residual.length, 0);
      const residual = new Float64Array(rows);
      const jacobian = withJacobian ? new Float64Array(rows * path.size) : undefined;
      let offset = 0;
      for (const part of parts) {
        residual.set(part.residual, offset);
        jacobian?.set(part.jacobian!, offset * path.size);
        offset += part.residual.length;
      }
      return jacobian === undefined ? { residual } : { residual, jacobian };
    },
  };
}

/**
 * Checks, before anything is built, that settings can train the bundle of a problem with ranges:
 * one least-squares optimiser (Levenberg–Marquardt), the residual alone, one network over the
 * domain. The message names the `bundle` preset, which meets all three.
 * @throws QuadrantError `CONFIG_INVALID` naming the setting at fault
 */
export function checkBundleSettings(problem: Problem, settings: TrainingSettings, registry: Registry): void {
  const hint = `problem '${problem.name}' has ranges, so it trains a bundle; start from the 'bundle' preset (--quadrant bundle)`;
  const optimisers = settings.optimisers.map((each) => registry.optimiser(each.name));
  if (optimisers.length !== 1 || optimisers[0]!.leastSquares === undefined) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `settings: optimisers: a bundle is fitted in float64 by one least-squares optimiser such as levenberg-marquardt, not ${settings.optimisers.map((each) => each.name).join(', ')}; ${hint}`,
    );
  }
  const terms = Object.keys(settings.losses).filter((name) => !(settings.initialCondition === 'exact' && name === 'initial-condition'));
  if (settings.initialCondition !== 'exact' || terms.length !== 1 || terms[0] !== residualLoss.name) {
    throw new QuadrantError('CONFIG_INVALID', `settings: losses: a bundle is fitted to the residual alone with exact initial conditions; ${hint}`);
  }
  if (settings.strategy.name !== 'single') {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `settings: strategy: a bundle is one network over the whole domain (strategy single), not ${settings.strategy.name}; ${hint}`,
    );
  }
}

/**
 * Trains a bundle (Flamant, Protopapas & Sondak, arXiv 2006.14372): one network of t and the
 * problem's ranges θ (parameters and initial values written as `{ range: [low, high] }`), whose
 * trial solution meets the initial values at θ exactly, fitted to the equation residual at every
 * pair of the sampler's points in t and `settings.bundle.points` values per range (default 12), by the
 * settings' least-squares optimiser (Levenberg–Marquardt) in float64 through the architecture's
 * float64 path. Learnable parameters and data play no part here: `fitBundleParameters` fits them
 * afterwards with the bundle frozen.
 * @throws QuadrantError `CONFIG_INVALID` for a problem without ranges, settings that
 *   `checkBundleSettings` refuses, or an architecture without a float64 path for further
 *   inputs; whatever `planTraining` and `buildNetwork` throw
 */
export async function trainBundle(problem: Problem, settings: TrainingSettings, registry: Registry): Promise<BundleTraining> {
  const box = bundleBox(problem);
  if (box.length === 0) {
    throw new QuadrantError(
      'CONFIG_INVALID',
      `${problem.origin}: no parameter or initial value is a range, so there is no bundle to train; write one as { "range": [low, high] }`,
    );
  }
  // The bundle solves the equation over the whole box; learning parameters from data comes after, with the bundle frozen.
  const parameters = Object.fromEntries(Object.entries(problem.parameters).map(([name, parameter]) => [name, { ...parameter, learn: false }]));
  const fitted: Problem = { ...problem, parameters, data: undefined };
  checkBundleSettings(problem, settings, registry);
  const plan = planTraining(fitted, settings, { registry });
  // The network and the sampler make tensors, so like train() it starts the backend first.
  await selectBackend();
  const phase = plan.leastSquares!;
  const network = buildNetwork(fitted, settings, registry, box);
  const path = network.float64;
  if (path === undefined) {
    network.dispose();
    throw new QuadrantError(
      'CONFIG_INVALID',
      `settings: architecture: '${settings.architecture.name}' has no float64 path for ${1 + box.length} inputs, which a bundle is fitted through; use random-features`,
    );
  }
  const bundleNetwork = { ...network, float64: path };
  const sampler = plan.sampler.entry.create({ domain: problem.domain, seed: settings.seed }, plan.sampler.options);
  const drawn = sampler.points({
    epoch: 0,
    residual: (): Tensor1D => {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `settings: sampler: '${settings.sampler.name}' picks points by the residual, which a bundle has in float64 only; use grid or uniform`,
      );
    },
  });
  sampler.dispose();
  const t = Float64Array.from(drawn.dataSync());
  drawn.dispose();
  const thetas = boxGrid(box, settings.bundle?.points ?? bundlePointsDefault);
  const weight = plan.lossTerms.find((term) => term.name === residualLoss.name)!.weight;
  const leastSquares = bundleLeastSquares(fitted, bundleNetwork, t, thetas, weight);
  const iterations = phase.epochs ?? settings.epochs;
  const result = phase.entry.leastSquares!(leastSquares, path.read(), phase.options, iterations);
  path.write(result.parameters);
  const history: TrainingHistory = { epoch: [], total: [], terms: {} };
  result.history.forEach((cost, i) => {
    recordHistory(history, i, 2 * cost, { [residualLoss.name]: (2 * cost) / weight });
  });
  const model = createBundleModel(problem, box, settings, bundleNetwork);
  const points = t.length * thetas.length;
  if (!Number.isFinite(result.cost)) {
    return { model, status: 'diverged', reason: `diverged in ${phase.entry.name} (${result.reason})`, iterations: result.iterations, history, points };
  }
  const stopped = result.reason !== 'iteration limit';
  return {
    model,
    status: stopped ? 'stopped' : 'completed',
    ...(stopped ? { reason: `${phase.entry.name} ${result.reason} at iteration ${result.iterations}` } : {}),
    iterations: result.iterations,
    history,
    points,
  };
}
