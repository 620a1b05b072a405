import { z } from 'zod';
import { observationPlanSchema } from '../cells/cell-spec.ts';
import { methodSchema } from '../results/cell-result.ts';

const entrySchema = z.object({ name: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }).strict();

/**
 * A suite file (YAML or JSON): the grid problems × methods × architectures × settings
 * variants × seeds, expanded into one cell per combination (classical methods ignore
 * architectures and settings variants and run once per problem).
 */
export const suiteSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** Built-in problem names or problem file paths (relative to the suite file), or `all` for every registered problem. */
    problems: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
    methods: z.array(methodSchema).min(1),
    /** Architectures to try; absent: each method's preset architecture. */
    architectures: z.array(entrySchema).min(1).optional(),
    /** Training-settings variants (deep-merged over the method's preset); absent: the preset as is. */
    settings: z.array(z.record(z.string(), z.unknown())).min(1).optional(),
    /** Options of the classical solvers, by solver name. */
    solverOptions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Seeds: a list, or a count n meaning 0…n−1. */
    seeds: z.union([z.number().int().min(1), z.array(z.number().int().min(0)).min(1)]).default(1),
    /** Further cells run for every problem, beside the grid: e.g. `{ method: solver, preset: article }`. */
    extra: z
      .array(
        z
          .object({
            method: methodSchema,
            preset: z.string().min(1).optional(),
            settings: z.record(z.string(), z.unknown()).default({}),
            seed: z.number().int().min(0).default(0),
          })
          .strict(),
      )
      .default([]),
    observations: observationPlanSchema.optional(),
    evaluationPoints: z.number().int().min(3).optional(),
  })
  .strict();
export type Suite = z.output<typeof suiteSchema>;
