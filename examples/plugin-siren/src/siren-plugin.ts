import { definePlugin } from '@quadrant/spec';
import { nonnegativeLoss } from './nonnegative-loss.ts';
import { siren } from './siren.ts';

/**
 * The example plugin: the `siren` architecture and the `nonnegative` loss term. A plain
 * value; importing it registers nothing. Load it with `quadrant run --plugin <this module>` or
 * `createRegistry({ extends: defaultRegistry, plugins: [sirenPlugin] })`.
 */
export const sirenPlugin = definePlugin({
  name: 'quadrant-plugin-siren',
  architectures: [siren],
  losses: [nonnegativeLoss],
});
