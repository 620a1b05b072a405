import { defineProblem } from '@quadrant/equations';
import type { LossTermInstanceV1, LossTermV1 } from '@quadrant/spec';
import { addN, memory, scalar, tensor2d, tidy, train, variable } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dataLoss } from './data-loss.ts';
import { exponentialNetwork } from './exponential-network.fixture.ts';
import { initialConditionLoss } from './initial-condition-loss.ts';
import { lossContext } from './loss-context.fixture.ts';
import { residualLoss } from './residual-loss.ts';
import { testStep } from './test-step.fixture.ts';

// Ten samples of e^(−t) with a fixed ±1% error pattern, the measurement of an unknown decay rate (truly 1).
const times = Array.from({ length: 10 }, (_, i) => 0.2 * i);
const samples = times.map((t, i) => Math.exp(-t) * (1 + 0.01 * (i % 2 === 0 ? 1 : -1)));

const decay = defineProblem({
  name: 'decay-inverse',
  description: "y' = -k*y with k learned from samples",
  parameters: { k: { value: 1, guess: 0.5, learn: true } },
  equations: { "y'": '-k*y' },
  initial: { y: 1 },
  domain: [0, 2],
  data: { t: times, y: samples },
});

describe('inverse problem from the loss terms alone', () => {
  it('data + residual + initial condition, trained with Adam, recover the decay rate within 2% and leak nothing', () => {
    const context = lossContext(decay, { t: times, values: { y: samples } });
    const network = exponentialNetwork(0.8, 0.3);
    const k = tidy(() => variable(scalar(decay.parameters.k!.guess), true));
    const collocation = tensor2d(
      Array.from({ length: 32 }, (_, i) => ((i + 0.5) / 32) * 2),
      [32, 1],
    );
    const terms: LossTermInstanceV1[] = ([residualLoss, dataLoss, initialConditionLoss] as LossTermV1[]).map((term) =>
      term.create(context, term.options.parse({})),
    );
    const optimiser = train.adam(0.05);
    const loss = () => addN(terms.map((term) => term.evaluate(testStep(network, collocation, { k }))));
    optimiser.minimize(loss, false, [...network.variables, k]);
    const before = memory().numTensors;
    for (let epoch = 1; epoch < 600; epoch++) optimiser.minimize(loss, false, [...network.variables, k]);
    expect(memory().numTensors).toBe(before);
    const learned = k.dataSync()[0]!;
    for (const term of terms) term.dispose();
    optimiser.dispose();
    network.dispose();
    collocation.dispose();
    k.dispose();
    expect(Math.abs(learned - 1)).toBeLessThan(0.02);
  });
});
