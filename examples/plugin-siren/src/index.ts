export { type DerivativeSmoothnessOptions, derivativeSmoothnessLoss, derivativeSmoothnessOptions } from './derivative-smoothness-loss.ts';
export { type Jet, denseJet, sineJet } from './sine-jet.ts';
export { buildSiren, type SirenOptions, siren, sirenJetOrder, sirenOptions } from './siren.ts';
export { sirenPlugin as default, sirenPlugin } from './siren-plugin.ts';
