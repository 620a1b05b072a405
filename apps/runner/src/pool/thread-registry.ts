import { createRegistry, defaultRegistry, loadPlugin, type Registry, selectBackend } from '@quadrant/train';
import type { WorkerSetup } from './worker-messages.ts';

/**
 * The registry of a thread that runs cells (a pool worker or a queue worker's processor): its
 * own tfjs backend and the plugins loaded again in this thread, since registries are values and
 * never cross threads.
 * @throws QuadrantError `BACKEND_UNAVAILABLE`, `PLUGIN_INVALID` as `selectBackend` and `loadPlugin` do
 */
export async function threadRegistry(setup: WorkerSetup): Promise<Registry> {
  await selectBackend(setup.backend);
  const plugins = await Promise.all(setup.plugins.map((specifier) => loadPlugin(specifier, setup.baseDir)));
  return createRegistry({ extends: defaultRegistry, plugins });
}
