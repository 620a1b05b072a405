import { QuadrantError } from '@quadrant/spec';
import { engine, getBackend, ready, setBackend } from '@tensorflow/tfjs-core';

// Highest priority first: what `selectBackend()` tries when nothing names a backend.
const preference = ['tensorflow', 'wasm', 'cpu'] as const;

type Tfjs = typeof import('@tensorflow/tfjs');

const nativeBackend = '@tensorflow/tfjs-node';

/** Node (not a browser page or worker, which have no `process`). */
function inNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

let registration: Promise<Tfjs> | undefined;
// The last choice, kept so that a later call without a name does not undo an explicit one.
let chosen: string | undefined;

/**
 * Registers the tfjs backends, once per process, and resolves to the full tfjs bundle. This is
 * the package's one side effect, and it happens here rather than on import, so that importing
 * `@quadrant/train` for its registry or settings (`quadrant list`, `quadrant solve`) neither
 * loads tfjs nor touches its global engine.
 */
function registerBackends(): Promise<Tfjs> {
  registration ??= (async () => {
    // The full bundle, not tfjs-core alone: in Node, tfjs-core registers neither gradients nor
    // chained ops, and the training loop needs both. It also registers 'cpu'.
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    // Optional, and Node only: registers 'tensorflow' when libtensorflow starts; without it the wasm
    // backend serves. The name is a variable so that bundlers for a browser never follow it.
    if (inNode()) await import(/* @vite-ignore */ nativeBackend).catch(() => undefined);
    return tf;
  })();
  return registration;
}

/**
 * Makes tensors possible for a run that computes only in float64 (a least-squares phase and no
 * first-order one): its network keeps its weights in tfjs variables, and nothing of it needs
 * gradients, chained ops or a fast kernel. When no backend has been chosen in this process (by
 * `selectBackend()`, `QUADRANT_BACKEND` or the caller's own `setBackend`), this registers tfjs's plain-JavaScript `cpu` backend alone,
 * which loads in a fraction of the time of the full bundle, wasm and the tfjs-node probe that
 * `selectBackend()` loads; otherwise it keeps the backend chosen before (or the named one).
 * @throws QuadrantError `BACKEND_UNAVAILABLE` as `selectBackend` does for a named backend
 */
export async function ensureTensorBackend(): Promise<void> {
  if (registration !== undefined || process.env.QUADRANT_BACKEND) {
    await selectBackend();
    return;
  }
  // A backend the caller chose stays.
  if (engine().backendName) return;
  // The same module the full bundle imports, so a later `selectBackend()` registers it once.
  await import('@tensorflow/tfjs-backend-cpu');
  if (getBackend() !== 'cpu') await setBackend('cpu');
  await ready();
  // Its first tensor would print advice to install tfjs-node, which a float64 run has no use for.
  const cpu = engine().findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu !== null) cpu.firstUse = false;
}

/**
 * Names of the tfjs backends registered in this process so far. `selectBackend()` registers
 * the built-in ones (`tensorflow` when `@tensorflow/tfjs-node` starts, `wasm`, `cpu`); before
 * the first call this lists only what the caller registered.
 */
export function registeredBackends(): string[] {
  return Object.keys(engine().registryFactory).sort();
}

/**
 * Registers the tfjs backends (on the first call: `@tensorflow/tfjs`, `@tensorflow/tfjs-backend-wasm`
 * and, when installed, `@tensorflow/tfjs-node` are imported here, not when `@quadrant/train` is),
 * chooses the one the run computes on and waits until it is ready. Without a name (and without
 * `QUADRANT_BACKEND`) it takes `tensorflow` (from `@tensorflow/tfjs-node`, an optional dependency,
 * detected by importing it), else `wasm`, else `cpu`. Calling it again is cheap and keeps the
 * same choice unless another name is given. `train()` and `loadModel()` call it; call it
 * yourself before computing with tensors any other way (`buildNetwork`, a network's `jets`).
 * @param name - a backend name (`tensorflow`, `wasm`, `cpu`); overrides `QUADRANT_BACKEND`
 * @returns the name of the backend in use (`tf.getBackend()`)
 * @throws QuadrantError `BACKEND_UNAVAILABLE` when the named backend is not registered or does not start
 */
export async function selectBackend(name?: string): Promise<string> {
  const tf = await registerBackends();
  const wanted = name || (inNode() ? process.env.QUADRANT_BACKEND : undefined) || undefined;
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
