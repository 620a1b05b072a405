import { defineOptimiser, type OptimiserInstanceV1, type OptimiserStateV1, type OptimiserV1 } from '@quadrant/spec';
import { add, mul, scalar, type Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { adamOptimiser } from '../optimisers/adam-optimiser.ts';
import { lbfgsOptimiser } from '../optimisers/lbfgs-optimiser.ts';
import { levenbergMarquardt, levenbergMarquardtOptimiser } from '../optimisers/levenberg-marquardt-optimiser.ts';
import { sgdOptimiser } from '../optimisers/sgd-optimiser.ts';
import { type OptimiserConformanceSettings, optimiserConformance } from './optimiser-conformance.ts';

/** The message of the check whose name contains `fragment`, or undefined when it passes. */
async function failureOf<Options>(optimiser: OptimiserV1<Options>, settings: OptimiserConformanceSettings, fragment: string): Promise<string | undefined> {
  const checks = optimiserConformance(optimiser, settings);
  const found = checks.find((check) => check.name.includes(fragment));
  if (found === undefined) throw new Error(`no check named like '${fragment}' in ${checks.map((check) => check.name).join(' | ')}`);
  try {
    await found.run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** An optimiser whose instances are changed by `alter`. */
const altered = <Options>(
  optimiser: OptimiserV1<Options>,
  alter: (instance: OptimiserInstanceV1, options: Options) => OptimiserInstanceV1,
): OptimiserV1<Options> => defineOptimiser({ ...optimiser, create: (variables, options) => alter(optimiser.create(variables, options), options) });

const sgd: OptimiserConformanceSettings = { options: { momentum: 0.9 }, quadratic: { options: { learningRate: 0.05 }, steps: 300 } };
const adam: OptimiserConformanceSettings = { quadratic: { options: { learningRate: 0.1 }, steps: 400 } };
const quadraticCheck = 'minimises a quadratic';
const roundTrip = 'its state survives';
const leaks = 'no tensor leaks';

describe('optimiserConformance', () => {
  it('names every check after the optimiser, and leaves out the tfjs checks for a least-squares-only optimiser', () => {
    expect(optimiserConformance(adamOptimiser).every((check) => check.name.startsWith('adam: '))).toBe(true);
    const titles = optimiserConformance(levenbergMarquardtOptimiser, { refusesCreate: true }).map((check) => check.name.slice('levenberg-marquardt: '.length));
    expect(titles.some((title) => title.startsWith('minimises'))).toBe(false);
    expect(titles.filter((title) => title.startsWith('leastSquares minimises'))).toHaveLength(2);
  });

  it('catches gradient ascent, and a step that moves only the first variable', async () => {
    const ascent = defineOptimiser({
      ...sgdOptimiser,
      create: (variables, options) => sgdOptimiser.create(variables, { ...options, learningRate: -options.learningRate }),
    });
    expect(await failureOf(ascent, { ...sgd, quadratic: { ...sgd.quadratic, steps: 20 } }, quadraticCheck)).toMatch(
      /sgd: on a quadratic, after 20 steps the parameters are .* from the minimum, above 1.00e-3/,
    );
    const firstOnly = defineOptimiser({ ...sgdOptimiser, create: (variables, options) => sgdOptimiser.create(variables.slice(0, 1), options) });
    expect(await failureOf(firstOnly, sgd, quadraticCheck)).toMatch(/sgd: on a quadratic, after 300 steps the parameters are 1\.50e\+0 from the minimum/);
  });

  it("catches an L-BFGS that declares convergence at its first stall on Rosenbrock's valley", async () => {
    const hasty = defineOptimiser({
      ...lbfgsOptimiser,
      create: (variables, options) => lbfgsOptimiser.create(variables, { ...options, history: 1, toleranceChange: 1e-3 }),
    });
    expect(await failureOf(hasty, { rosenbrock: { steps: 200 } }, 'Rosenbrock')).toMatch(
      /lbfgs: on the Rosenbrock function, when it converged after \d+ steps \(.*\) the parameters are .* from the minimum/,
    );
  });

  it('catches an adam whose restore drops the second moment', async () => {
    const forgetful = altered(adamOptimiser, (instance) => ({
      ...instance,
      restore: (state: OptimiserStateV1) => {
        const moments = state.data.firstMoments as number[][];
        instance.restore!({ ...state, data: { ...state.data, secondMoments: moments.map((each) => each.map(() => 0)) } });
      },
    }));
    expect(await failureOf(forgetful, adam, roundTrip)).toMatch(
      /adam: after restore\(JSON of state\(\)\) a fresh instance steps differently from the original at step 1 after the save/,
    );
  });

  it('catches an sgd whose state leaves out the schedule position, one saving a typed array, one with state but no restore, and a restore that takes anything', async () => {
    const scheduled: OptimiserConformanceSettings = {
      ...sgd,
      rosenbrock: { options: { learningRate: 1e-3, schedule: { kind: 'step', factor: 0.5, every: 3 } } },
    };
    const countless = altered(sgdOptimiser, (instance) => ({
      ...instance,
      restore: (state) => instance.restore!({ ...state, data: { ...state.data, steps: 0 } }),
    }));
    expect(await failureOf(countless, scheduled, roundTrip)).toMatch(/steps differently from the original at step 1/);
    const typed = altered(sgdOptimiser, (instance) => ({
      ...instance,
      state: () => ({ ...instance.state!(), data: { ...instance.state!().data, extra: Float64Array.of(1) as never } }),
    }));
    expect(await failureOf(typed, sgd, roundTrip)).toMatch(/sgd: state\(\) is not plain JSON/);
    const halfSaved = altered(sgdOptimiser, ({ restore: _restore, ...rest }) => rest);
    expect(await failureOf(halfSaved, sgd, roundTrip)).toMatch(/sgd: has state but no restore; implement both, or neither/);
    const lenient = altered(sgdOptimiser, (instance) => ({ ...instance, restore: (state) => instance.restore!({ ...state, optimiser: 'sgd' }) }));
    expect(await failureOf(lenient, sgd, roundTrip)).toMatch(
      /restore of a state saved by optimiser 'not-sgd' should throw QuadrantError ARTEFACT_INVALID; got no error/,
    );
    const stateless = altered(sgdOptimiser, ({ state: _state, restore: _restore, ...rest }) => rest);
    expect(await failureOf(stateless, sgd, roundTrip)).toBeUndefined();
  });

  it('catches a step that never frees the gradients, and a dispose that frees nothing', async () => {
    const hoarding = altered(sgdOptimiser, (instance) => ({
      ...instance,
      step: (closure) =>
        instance.step(() => {
          const { value, grads } = closure();
          // Gradients handed on as new tensors: the closure's own are never disposed.
          return { value, grads: grads.map((each: Tensor) => add(each, scalar(0))) };
        }),
    }));
    expect(await failureOf(hoarding, sgd, leaks)).toMatch(/sgd: \d+ tensors leaked over 3 steps/);
    const undisposed = altered(adamOptimiser, (instance) => ({ ...instance, dispose: () => undefined }));
    expect(await failureOf(undisposed, adam, leaks)).toBe('adam: 4 tensors remain after dispose(); free every slot (moments, buffers) create or step made');
    expect(
      await failureOf(
        altered(adamOptimiser, (instance) => ({ ...instance, step: (closure) => instance.step(() => ({ ...closure(), value: mul(closure().value, 1) })) })),
        adam,
        leaks,
      ),
    ).toMatch(/leaked over 3 steps/);
  });

  it('catches a least-squares-only optimiser whose create builds something, or refuses with a plain Error', async () => {
    const refusal = 'refuses create';
    expect(await failureOf(levenbergMarquardtOptimiser, { refusesCreate: true }, refusal)).toBeUndefined();
    const accepting = defineOptimiser({
      ...levenbergMarquardtOptimiser,
      create: (variables) => sgdOptimiser.create(variables, sgdOptimiser.options.parse({})),
    });
    expect(await failureOf(accepting, { refusesCreate: true }, refusal)).toBe(
      'levenberg-marquardt: declared to work through leastSquares alone, but create built an optimiser',
    );
    const plain = defineOptimiser({
      ...levenbergMarquardtOptimiser,
      create: () => {
        throw new Error('no');
      },
    });
    expect(await failureOf(plain, { refusesCreate: true }, refusal)).toMatch(/create refused with 'no'; throw a QuadrantError/);
  });

  it('catches a least-squares step without curvature (gradient descent), a cost of other parameters, and a start changed in place', async () => {
    const linear = 'a linear residual';
    const rosenbrock = 'the Rosenbrock residual';
    const descent = defineOptimiser({
      ...levenbergMarquardtOptimiser,
      leastSquares: (problem, start, _options, iterations) => {
        const parameters = start.slice();
        const history: number[] = [];
        const cost = () => problem.evaluate(parameters, false).residual.reduce((total, value) => total + value * value, 0) / 2;
        history.push(cost());
        for (let i = 0; i < iterations; i++) {
          const { residual, jacobian } = problem.evaluate(parameters, true);
          for (let k = 0; k < problem.size; k++) {
            let gradient = 0;
            for (let r = 0; r < residual.length; r++) gradient += jacobian![r * problem.size + k]! * residual[r]!;
            parameters[k] = parameters[k]! - 1e-3 * gradient;
          }
          history.push(cost());
        }
        return { parameters, cost: history[history.length - 1]!, iterations, history, reason: 'iteration limit' };
      },
    });
    expect(await failureOf(descent, { refusesCreate: true }, rosenbrock)).toMatch(
      /levenberg-marquardt: on the Rosenbrock residual, leastSquares stopped \(iteration limit\) after 100 iterations .* from the minimum/,
    );
    const staleCost = defineOptimiser({ ...levenbergMarquardtOptimiser, leastSquares: (...args) => ({ ...levenbergMarquardt(...args), cost: 1 }) });
    expect(await failureOf(staleCost, { refusesCreate: true }, linear)).toMatch(/leastSquares reports cost 1, but ½‖r‖² at the parameters it returned is/);
    const inPlace = defineOptimiser({
      ...levenbergMarquardtOptimiser,
      leastSquares: (problem, start, options, iterations) => {
        const result = levenbergMarquardt(problem, start, options, iterations);
        start.set(result.parameters);
        return result;
      },
    });
    expect(await failureOf(inPlace, { refusesCreate: true }, linear)).toBe('levenberg-marquardt: leastSquares changed the start it was given; copy it');
  });
});
