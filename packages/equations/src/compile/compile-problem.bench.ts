import { bench, describe } from 'vitest';
import { dampedOscillator } from '../library/damped-oscillator.ts';
import { compileProblem } from './compile-problem.ts';

// The damped oscillator's right-hand side, compiled from its problem file versus written by
// hand. Each iteration makes 10 000 calls on varying states and keeps a running sum, so no call
// can be optimised away. Run: pnpm exec vitest bench --run --project @quadrant/equations

const compiled = compileProblem(dampedOscillator).system.rhs;
const zeta = 0.1;
const omega = 2;
function handWritten(_t: number, y: Float64Array, out: Float64Array): void {
  out[0] = y[1]!;
  out[1] = -2 * zeta * omega * y[1]! - omega * omega * y[0]!;
}

const calls = 10_000;
const state = new Float64Array(2);
const out = new Float64Array(2);
let sum = 0;

// One loop per function, so each call site sees one target, as a solver's does.
function runHandWritten(): void {
  for (let i = 0; i < calls; i++) {
    state[0] = i * 1e-4;
    state[1] = 1 - i * 1e-4;
    handWritten(i * 1e-3, state, out);
    sum += out[1]!;
  }
}

function runCompiled(): void {
  for (let i = 0; i < calls; i++) {
    state[0] = i * 1e-4;
    state[1] = 1 - i * 1e-4;
    compiled(i * 1e-3, state, out);
    sum += out[1]!;
  }
}

describe('damped-oscillator right-hand side, 10 000 calls', () => {
  bench('hand-written JavaScript', runHandWritten);
  bench('compiled from the problem', runCompiled, {
    teardown: () => {
      if (!Number.isFinite(sum)) throw new Error('the running sum is not finite');
    },
  });
});
