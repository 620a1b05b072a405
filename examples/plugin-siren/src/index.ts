export { type NonnegativeOptions, nonnegativeLoss, nonnegativeOptions } from './nonnegative-loss.ts';
export { type Jet, denseJet, sineJet } from './sine-jet.ts';
export { buildSiren, type SirenOptions, siren, sirenJetOrder, sirenOptions } from './siren.ts';
export { sirenPlugin as default, sirenPlugin } from './siren-plugin.ts';
