import { type Quadrant, quadrants } from './worker-messages.ts';

/** What a shareable URL's hash carries: `#problem=<url-encoded problem JSON>&quadrant=<name>&run=1`. */
export interface SharedState {
  readonly problem?: string;
  readonly quadrant?: Quadrant;
  readonly run: boolean;
}

/** Reads a location hash; unknown keys are ignored, a quadrant the page does not offer is dropped. */
export function readSharedState(hash: string): SharedState {
  const parameters = new URLSearchParams(hash.replace(/^#/, ''));
  const problem = parameters.get('problem') ?? undefined;
  const quadrant = parameters.get('quadrant') ?? undefined;
  return {
    ...(problem === undefined ? {} : { problem }),
    ...(quadrant !== undefined && (quadrants as readonly string[]).includes(quadrant) ? { quadrant: quadrant as Quadrant } : {}),
    run: parameters.get('run') === '1',
  };
}

/** The hash that opens the page with this problem (as compact JSON) and quadrant. */
export function sharedHash(problem: unknown, quadrant: Quadrant, run = false): string {
  const parameters = new URLSearchParams({ problem: JSON.stringify(problem), quadrant });
  if (run) parameters.set('run', '1');
  return `#${parameters.toString()}`;
}
