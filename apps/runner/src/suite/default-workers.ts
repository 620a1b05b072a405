import { availableParallelism } from 'node:os';

/**
 * The default worker count: one per core. A module of its own, so that the commands can show it
 * in their flags' defaults without loading the suite runner.
 */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}
