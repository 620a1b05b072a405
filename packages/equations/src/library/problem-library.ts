import type { Problem } from '@quadrant/spec';
import { dampedOscillator } from './damped-oscillator.ts';
import { exponentialDecay } from './exponential-decay.ts';
import { harmonicOscillator } from './harmonic-oscillator.ts';
import { linearGrowth } from './linear-growth.ts';
import { logisticGrowth } from './logistic-growth.ts';
import { lorenz } from './lorenz.ts';
import { lorenzLong } from './lorenz-long.ts';
import { lotkaVolterra } from './lotka-volterra.ts';
import { pendulum } from './pendulum.ts';
import { robertson } from './robertson.ts';
import { sir } from './sir.ts';
import { vanDerPol } from './van-der-pol.ts';

/**
 * The built-in problems, in a stable order: exponential-decay, linear-growth, logistic-growth,
 * harmonic-oscillator, damped-oscillator, lotka-volterra, van-der-pol, sir, pendulum, lorenz,
 * lorenz-long, robertson.
 */
export const problemLibrary: readonly Problem[] = Object.freeze([
  exponentialDecay,
  linearGrowth,
  logisticGrowth,
  harmonicOscillator,
  dampedOscillator,
  lotkaVolterra,
  vanDerPol,
  sir,
  pendulum,
  lorenz,
  lorenzLong,
  robertson,
]);
