import { QuadrantError } from '@quadrant/spec';
// The one import of the full tfjs bundle: in Node, tfjs-core alone registers neither
// gradients nor chained ops, and the training loop needs both.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

// Highest priority first: what `selectBackend()` tries when nothing names a backend.
const preference = ['tensorflow', 'wasm', 'cpu'] as const;

let nodeBindings: Promise<void> | undefined;
// The last choice, kept so that a later call without a name does not undo an explicit one.
let chosen: string | undefined;

/** Loads `@tensorflow/tfjs-node` once, if it is installed and its native library starts; it registers 'tensorflow'. */
function loadNodeBindings(): Promise<void> {
  nodeBindings ??= import('@tensorflow/tfjs-node').then(
    () => undefined,
    // Optional: without libtensorflow the wasm backend serves.
    () => undefined,
  );
  return nodeBindings;
}

/** Names of the tfjs backends registered in this process. */
export function registeredBackends(): string[] {
  return Object.keys(tf.engine().registryFactory).sort();
}

/**
 * Chooses the tfjs backend the run computes on and waits until it is ready. Without a name
 * (and without `QUADRANT_BACKEND`) it takes `tensorflow` (from `@tensorflow/tfjs-node`, an
 * optional dependency, detected by importing it), else `wasm`, else `cpu`. Calling it again
 * is cheap and keeps the same choice unless another name is given.
 * @param name - a backend name (`tensorflow`, `wasm`, `cpu`); overrides `QUADRANT_BACKEND`
 * @returns the name of the backend in use (`tf.getBackend()`)
 * @throws QuadrantError `BACKEND_UNAVAILABLE` when the named backend is not registered or does not start
 */
export async function selectBackend(name?: string): Promise<string> {
  await loadNodeBindings();
  const wanted = name || process.env.QUADRANT_BACKEND || undefined;
  const available = registeredBackends();
  if (wanted !== undefined) {
    if (!available.includes(wanted)) {
      throw new QuadrantError(
        'BACKEND_UNAVAILABLE',
        `tfjs backend '${wanted}' is not available; available: ${available.join(', ')}${wanted === 'tensorflow' ? ' (install @tensorflow/tfjs-node for it)' : ''}`,
      );
    }
    if (tf.getBackend() !== wanted && !(await tf.setBackend(wanted))) {
      throw new QuadrantError('BACKEND_UNAVAILABLE', `tfjs backend '${wanted}' did not start; available: ${available.join(', ')}`);
    }
    await tf.ready();
    chosen = tf.getBackend();
    return chosen;
  }
  if (chosen !== undefined && tf.getBackend() === chosen) return chosen;
  for (const candidate of preference) {
    if (!available.includes(candidate)) continue;
    if (tf.getBackend() === candidate || (await tf.setBackend(candidate))) {
      await tf.ready();
      chosen = tf.getBackend();
      return chosen;
    }
  }
  throw new QuadrantError('BACKEND_UNAVAILABLE', `no tfjs backend started; registered: ${available.join(', ') || '(none)'}`);
}
