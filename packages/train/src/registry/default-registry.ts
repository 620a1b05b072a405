import { equationsPlugin } from '@quadrant/equations';
import { lossesPlugin } from '@quadrant/losses';
import { networksPlugin } from '@quadrant/networks';
import { solversPlugin } from '@quadrant/solvers';
import { trainPlugin } from '../train-plugin.ts';
import { createRegistry } from './registry.ts';

/**
 * The built-ins of every package, frozen: problems, solvers, architectures, loss terms,
 * samplers, optimisers and presets. Extend it per run: `createRegistry({ extends: defaultRegistry, plugins: [mine] })`.
 */
export const defaultRegistry = createRegistry({ plugins: [equationsPlugin, solversPlugin, networksPlugin, lossesPlugin, trainPlugin] }).freeze();
