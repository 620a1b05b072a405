import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { methodSchema } from '../results/cell-result.ts';

/** How the observations of the data-only, PINN and neural-ode cells are drawn from the reference. */
export const observationPlanSchema = z
  .object({
    /** Number of samples. */
    points: z.number().int().min(1).default(12),
    /** Samples are evenly spread over this leading fraction of the training domain. */
    fraction: z.number().gt(0).max(1).default(0.6),
    /** Standard deviation of the added Gaussian noise, relative to each unknown's RMS on the domain. */
    noise: z.number().min(0).default(0.01),
  })
  .strict();
export type ObservationPlan = z.output<typeof observationPlanSchema>;

/**
 * One cell to run: a problem, a method and its settings, a seed. Suites expand into these;
 * `quadrant run` builds one from its flags. `settings` are training settings (deep-merged
 * over the method's preset) for network methods, and solver options for classical ones.
 */
export const cellSpecSchema = z
  .object({
    suite: z.string().default('adhoc'),
    /** A built-in problem name or a problem file path (relative paths resolve from the suite's folder). */
    problem: z.string().min(1),
    method: methodSchema,
    /** Preset the settings are merged over (network methods): the method's own unless another (such as `article`) is named. */
    preset: z.string().min(1).optional(),
    /** Training settings overrides (network methods) or solver options (classical methods). */
    settings: z.record(z.string(), z.unknown()).default({}),
    seed: z.number().int().min(0).default(0),
    observations: observationPlanSchema.default(observationPlanSchema.parse({})),
    /** Points of the evaluation grid over the training domain and the extrapolation interval together. */
    evaluationPoints: z.number().int().min(3).default(201),
  })
  .strict();
export type CellSpec = z.output<typeof cellSpecSchema>;

/** The methods that train a network (the quadrants and learned dynamics); the rest are classical solvers. */
export const networkMethods = new Set(['data-only', 'pinn', 'solver', 'neural-ode']);

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * Stable identity of a cell: a hash of everything that changes its result (the problem's
 * content, not just its name, the method, the fully resolved settings and the seed). Two
 * runs of one suite share ids, which is how a rerun skips finished cells and how two result
 * files are matched side by side.
 */
export function cellId(parts: {
  problem: unknown;
  method: string;
  preset: string | null;
  settings: unknown;
  seed: number;
  observations: unknown;
  evaluationPoints: number;
}): string {
  // SHA-256 from @noble/hashes rather than node:crypto, so ids are computed alike in a browser.
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(parts)))).slice(0, 16);
}
