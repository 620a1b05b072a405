import { exponentialDecay, harmonicOscillator } from '@quadrant/equations';
import { defineLossTerm, type LossContextV1, type LossTermV1, QuadrantError } from '@quadrant/spec';
import { customGrad, type GradSaveFunc, keep, mean, mul, type Scalar, square, sub, type Tensor, tensor2d, tidy } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lossContext } from '../loss-context.fixture.ts';
import { lossConformance } from './loss-conformance.ts';
import { sinusoidNetwork } from './sinusoid-network.ts';

const decay = lossContext(exponentialDecay);
const decayWithData = lossContext(exponentialDecay, { t: [0, 1, 2], values: { y: [1, 0.37, 0.14] } });

/** A term written the way the README says: mean of y'' ² plus (y(end) − 0)², constants made in create. */
function wellBehaved(overrides: Partial<LossTermV1<Record<string, never>>> = {}): LossTermV1<Record<string, never>> {
  return defineLossTerm({
    name: 'well-behaved',
    description: 'a correct term the broken ones are variations of',
    options: z.strictObject({}),
    needsData: false,
    create(context) {
      const end = tensor2d([[context.problem.domain[1]]]);
      return {
        order: 1,
        evaluate: (step) => mean(square(step.jets(step.collocation, 1)[1]!)).add(mean(square(step.jets(end, 0)[0]!))),
        dispose: () => end.dispose(),
      };
    },
    ...overrides,
  });
}

/** Runs every check; returns each failing check's message by the part of its name after the term's. */
async function failures(term: LossTermV1<never> | LossTermV1<Record<string, never>>, context: LossContextV1): Promise<Record<string, string>> {
  const failed: Record<string, string> = {};
  for (const check of lossConformance(term as LossTermV1, { context })) {
    try {
      await check.run();
    } catch (error) {
      failed[check.name.slice(term.name.length + 2)] = (error as Error).message;
    }
  }
  return failed;
}

const checkTitles = (term: LossTermV1, context: LossContextV1) => lossConformance(term, { context }).map((check) => check.name.slice(term.name.length + 2));

describe('lossConformance', () => {
  it('passes a correct term, every check named after the term', async () => {
    const term = wellBehaved();
    expect(lossConformance(term, { context: decay }).every((check) => check.name.startsWith('well-behaved: '))).toBe(true);
    expect(await failures(term, decay)).toEqual({});
  });

  it('restores and keeps a network it was given, and disposes one it built from a factory', async () => {
    const given = sinusoidNetwork({ amplitude: [0.7], frequency: [1.2], phase: [0.1], offset: [1] });
    const before = given.variables.map((variable) => Array.from(variable.dataSync()));
    for (const check of lossConformance(wellBehaved(), { context: decay, network: given })) await check.run();
    expect(given.variables.map((variable) => Array.from(variable.dataSync()))).toEqual(before);
    expect(given.variables.some((variable) => variable.isDisposed)).toBe(false);
    given.dispose();

    const built: ReturnType<typeof sinusoidNetwork>[] = [];
    const factory = () => {
      const network = sinusoidNetwork({ amplitude: [0.7], frequency: [1.2], phase: [0.1], offset: [1] });
      built.push(network);
      return network;
    };
    for (const check of lossConformance(wellBehaved(), { context: decay, network: factory })) await check.run();
    expect(built.length).toBeGreaterThan(0);
    expect(built.every((network) => network.variables.every((variable) => variable.isDisposed))).toBe(true);
  });

  it('catches a name users could not type and a missing description', async () => {
    const declaration = 'declares spec v1, a kebab-case name and a description';
    expect((await failures(wellBehaved({ name: 'EndValue' }), decay))[declaration]).toBe(
      "EndValue: the name is what users type in a run's settings: use kebab-case, e.g. 'end-value'",
    );
    expect((await failures(wellBehaved({ description: ' ' }), decay))[declaration]).toBe(
      'well-behaved: the description is empty; say in one line what the term penalises (quadrant list shows it)',
    );
  });

  it('catches options that do not parse', async () => {
    const failed: string[] = [];
    for (const check of lossConformance(wellBehaved(), { context: decay, options: { weight: 2 } })) {
      await check.run().catch((error: Error) => failed.push(`${check.name}: ${error.message}`));
    }
    expect(failed[0]).toContain(`well-behaved: the option schema parses the options given: well-behaved: options {"weight":2} fail the schema`);
  });

  it('catches a value that is not a scalar', async () => {
    const term = wellBehaved({
      create: () => ({ order: 0, evaluate: (step) => square(step.jets(step.collocation, 0)[0]!) as unknown as Scalar, dispose() {} }),
    });
    const failed = await failures(term, decay);
    expect(failed['evaluate returns a finite float32 scalar and asks for collocation jets no higher than its order']).toBe(
      'well-behaved: evaluate returned shape [16, 1], expected a scalar: reduce with tf.mean or tf.sum',
    );
  });

  it('catches a term that asks for collocation jets above the order it declares', async () => {
    const term = wellBehaved({ create: () => ({ order: 0, evaluate: (step) => mean(square(step.jets(step.collocation, 1)[1]!)), dispose() {} }) });
    const failed = await failures(term, decay);
    expect(failed['evaluate returns a finite float32 scalar and asks for collocation jets no higher than its order']).toContain(
      'well-behaved: declares order 0 but asked for jets of order 1 at the collocation points',
    );
  });

  it('catches a value cut off from the network (numbers read back into a new tensor)', async () => {
    const term = wellBehaved({
      create: () => ({
        order: 0,
        evaluate: (step) => {
          const detached = tensor2d(Array.from(step.jets(step.collocation, 0)[0]!.dataSync()), [16, 1]);
          return mean(square(detached));
        },
        dispose() {},
      }),
    });
    const failed = await failures(term, decay);
    expect(failed['a gradient reaches every network variable']).toMatch(
      /^well-behaved: no gradient reaches the network \(.+\); build the value from step\.jets with tensor ops/,
    );
  });

  it('catches a variable the value does not depend on', async () => {
    // The sinusoid's offset c drops out of y'.
    const term = wellBehaved({ create: () => ({ order: 1, evaluate: (step) => mean(square(step.jets(step.collocation, 1)[1]!)), dispose() {} }) });
    const failed = await failures(term, decay);
    expect(failed['a gradient reaches every network variable']).toBe(
      "well-behaved: no gradient reaches network variable 3 [1, 1]; the value must depend on the network's jets through tensor ops",
    );
  });

  it('catches a value that responds to no network weight, while one zero gradient is allowed', async () => {
    // The value at t = 0 does not depend on the frequency b of a·sin(b·t + φ) + c: that alone is fine.
    const atStart = wellBehaved({
      create: () => {
        const start = tensor2d([[0]]);
        return { order: 0, evaluate: (step) => mean(square(step.jets(start, 0)[0]!)), dispose: () => start.dispose() };
      },
    });
    expect(await failures(atStart, decay)).toEqual({});
    const constant = wellBehaved({ create: () => ({ order: 0, evaluate: (step) => mean(step.jets(step.collocation, 0)[0]!).mul(0), dispose() {} }) });
    expect((await failures(constant, decay))['a gradient reaches every network variable']).toMatch(
      /^well-behaved: the gradient is zero for every network variable: on this network the value does not respond to the weights/,
    );
  });

  it('catches a wrong gradient (a custom gradient off by a factor of two)', async () => {
    const doubledGradient = customGrad<Scalar>((...inputs) => {
      const x = inputs[0] as Tensor;
      (inputs[1] as GradSaveFunc)([x]);
      // d mean(x²)/dx is 2x/size: this says 4x/size.
      return { value: mean(square(x)), gradFunc: (dy, [saved]) => mul(dy, mul(saved!, 4 / saved!.size)) };
    });
    const term = wellBehaved({ create: () => ({ order: 0, evaluate: (step) => doubledGradient(step.jets(step.collocation, 0)[0]!), dispose() {} }) });
    const failed = await failures(term, decay);
    expect(failed['the gradient agrees with central differences of the value (network, learnable parameters)']).toMatch(
      /^well-behaved: the gradient disagrees with differences of the value along the gradient of the network's variables \(step .+: the value moved by .+, the gradient predicts .+\)$/,
    );
    expect(Object.keys(failed)).toEqual(['the gradient agrees with central differences of the value (network, learnable parameters)']);
  });

  it('catches a learnable parameter read as a number, which cuts its gradient', async () => {
    const learnRate = lossContext({ ...exponentialDecay, parameters: { k: { value: 1, guess: 0.5, learn: true } } });
    const readsNumber = wellBehaved({
      create: () => ({
        order: 1,
        evaluate: (step) => {
          const [y, dy] = step.jets(step.collocation, 1);
          return mean(square(y!.mul(step.parameters.k!.dataSync()[0]!).add(dy!)));
        },
        dispose() {},
      }),
    });
    const failed = await failures(readsNumber, learnRate);
    expect(failed['the gradient agrees with central differences of the value (network, learnable parameters)']).toMatch(
      /^well-behaved: the gradient disagrees with differences of the value in the learnable parameter 'k' \(no gradient reaches it: read step\.parameters as tensors, not numbers\)/,
    );
    const readsTensor = wellBehaved({
      create: () => ({
        order: 1,
        evaluate: (step) => {
          const [y, dy] = step.jets(step.collocation, 1);
          return mean(square(y!.mul(step.parameters.k!).add(dy!)));
        },
        dispose() {},
      }),
    });
    expect(await failures(readsTensor, learnRate)).toEqual({});
  });

  it('catches a value that changes between evaluations', async () => {
    let calls = 0;
    const term = wellBehaved({
      create: () => ({ order: 0, evaluate: (step) => mean(square(step.jets(step.collocation, 0)[0]!)).mul(1 + 0.01 * calls++), dispose() {} }),
    });
    const failed = await failures(term, decay);
    expect(failed['the value is deterministic and weight·value scales linearly in value and gradients']).toMatch(
      /^well-behaved: two evaluations on the same step inputs give .+; evaluate must depend on the step alone/,
    );
  });

  it('catches tensors leaked by evaluate, by dispose, and jets freed under the other terms', async () => {
    const leaksEvaluate = wellBehaved({
      create: () => ({ order: 0, evaluate: (step) => keep(mean(square(step.jets(step.collocation, 0)[0]!))), dispose() {} }),
    });
    const leak = "no tensor leaks; the step's inputs and jets stay alive; dispose frees what create made";
    expect((await failures(leaksEvaluate, decay))[leak]).toMatch(/^well-behaved: \d+ tensors outlived the caller's tidy over 3 evaluations/);

    const leaksCreate = wellBehaved({
      create: (context) => {
        const end = tensor2d([[context.problem.domain[1]]]);
        return { order: 0, evaluate: (step) => mean(square(step.jets(end, 0)[0]!)).add(mean(square(step.jets(step.collocation, 0)[0]!))), dispose() {} };
      },
    });
    expect((await failures(leaksCreate, decay))[leak]).toBe(
      'well-behaved: dispose left 1 of the tensors create made; free every constant (inputs, targets) in dispose',
    );

    const ownTidy = wellBehaved({
      create: () => ({ order: 0, evaluate: (step) => tidy(() => mean(square(step.jets(step.collocation, 0)[0]!))), dispose() {} }),
    });
    expect((await failures(ownTidy, decay))[leak]).toBe(
      'well-behaved: a jet tensor from step.jets was disposed during evaluate; other terms share them: do not wrap evaluate in tf.tidy or dispose what step.jets returns',
    );
  });

  it('checks that a needsData term refuses a context without data with a QuadrantError naming it', async () => {
    const refusal = 'refuses a context without data with a QuadrantError naming the term';
    const fitsData = (refuse: (context: LossContextV1) => void) =>
      wellBehaved({
        needsData: true,
        create(context) {
          refuse(context);
          return { order: 0, evaluate: (step) => mean(square(step.jets(step.collocation, 0)[0]!)), dispose() {} };
        },
      });
    expect(
      checkTitles(
        fitsData(() => {}),
        decayWithData,
      ),
    ).toContain(refusal);
    expect(checkTitles(wellBehaved(), decay)).toContain('works without data (it does not declare needsData)');

    const good = fitsData((context) => {
      if (context.data === undefined) throw new QuadrantError('CONFIG_INVALID', 'well-behaved: no data');
    });
    expect(await failures(good, decayWithData)).toEqual({});
    expect(
      (
        await failures(
          fitsData(() => {}),
          decayWithData,
        )
      )[refusal],
    ).toBe('well-behaved: declares needsData but was created from a context without data; throw a QuadrantError (CONFIG_INVALID) from create');
    const plainError = fitsData((context) => {
      if (context.data === undefined) throw new TypeError("Cannot read properties of undefined (reading 't')");
    });
    expect((await failures(plainError, decayWithData))[refusal]).toBe(
      "well-behaved: refused a context without data with Cannot read properties of undefined (reading 't'); throw a QuadrantError (code CONFIG_INVALID) instead",
    );
    const silent = fitsData((context) => {
      if (context.data === undefined) throw new QuadrantError('CONFIG_INVALID', 'no data');
    });
    expect((await failures(silent, decayWithData))[refusal]).toBe(`well-behaved: the refusal "no data" does not name the term 'well-behaved'`);
  });

  it('checks that a term without needsData works without data', async () => {
    const term = wellBehaved({
      create: (context) => {
        const t = tensor2d([...context.data!.t], [context.data!.t.length, 1]);
        return { order: 0, evaluate: (step) => mean(square(sub(step.jets(t, 0)[0]!, 1))), dispose: () => t.dispose() };
      },
    });
    const failed = await failures(term, decayWithData);
    expect(failed['works without data (it does not declare needsData)']).toMatch(/undefined/);
  });

  it('builds a positive sinusoid per unknown by default, so problems with logarithms stay finite', async () => {
    const readsLog = wellBehaved({
      create: () => ({ order: 0, evaluate: (step) => mean(square(step.jets(step.collocation, 0)[0]!.log())), dispose() {} }),
    });
    expect(await failures(readsLog, lossContext(harmonicOscillator))).toEqual({});
  });
});
