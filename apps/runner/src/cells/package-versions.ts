import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let versions: Record<string, string> | undefined;

/** Versions of Node and of every package that takes part in a result, read once. */
export function packageVersions(): Record<string, string> {
  if (versions !== undefined) return versions;
  versions = { node: process.versions.node };
  // tfjs is the training package's peer: look it up from there, where it is installed.
  const fromTrain = createRequire(require.resolve('@quadrant/train'));
  for (const name of [
    '@quadrant/spec',
    '@quadrant/equations',
    '@quadrant/solvers',
    '@quadrant/metrics',
    '@quadrant/networks',
    '@quadrant/losses',
    '@quadrant/train',
  ]) {
    versions[name] = (require(`${name}/package.json`) as { version: string }).version;
  }
  versions['@quadrant/runner'] = (require('../../package.json') as { version: string }).version;
  for (const name of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node']) {
    try {
      versions[name] = (fromTrain(`${name}/package.json`) as { version: string }).version;
    } catch {
      // Not installed (tfjs-node without internet at install time): not listed.
    }
  }
  return versions;
}
