import { registeredBackends, selectBackend } from '@quadrant/train';
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from './worker-messages.ts';

/**
 * Milliseconds for five steps shaped like a small network's training (a [512, 64] by [64, 64]
 * matMul, an activation and a reduction), after a warm-up that compiles shaders or kernels: the
 * least of three rounds, so a moment of contention for the machine's cores does not decide.
 */
function probe(): number {
  const step = () =>
    tf.tidy(() => {
      const a = tf.randomNormal([512, 64]);
      const b = tf.randomNormal([64, 64]);
      return tf.tanh(tf.matMul(a, b)).mean();
    });
  step().dataSync();
  let least = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    for (let i = 0; i < 5; i++) step().dataSync();
    least = Math.min(least, performance.now() - started);
  }
  return least;
}

/**
 * Starts the backend a run asks for; `auto` times the same probe on wasm and, where the browser
 * starts it, webgl, and keeps the faster (small networks usually run faster on wasm).
 * @returns the backend in use and the probe's milliseconds per candidate measured
 */
export async function chooseBackend(choice: BackendChoice): Promise<{ backend: string; measured: Record<string, number> }> {
  if (choice !== 'auto') return { backend: await selectBackend(choice), measured: {} };
  await selectBackend();
  const measured: Record<string, number> = {};
  for (const candidate of ['wasm', 'webgl'].filter((name) => registeredBackends().includes(name))) {
    try {
      await selectBackend(candidate);
      measured[candidate] = probe();
    } catch {
      // A backend the browser cannot start (no WebGL in this worker) is not a candidate.
    }
  }
  const fastest = Object.entries(measured).sort(([, a], [, b]) => a - b)[0]?.[0] ?? 'wasm';
  return { backend: await selectBackend(fastest), measured };
}
