import { formatZodError, QuadrantError } from '@quadrant/spec';
import type { z } from 'zod';

/**
 * Parses something read back (a model file, a saved optimiser state) with its schema.
 * @param where - what was read, first in the message (`model/weights.json`)
 * @throws QuadrantError `ARTEFACT_INVALID` naming the first field that fails and why
 */
export function checkArtefact<T>(schema: z.ZodType<T>, raw: unknown, where: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new QuadrantError('ARTEFACT_INVALID', formatZodError(where, parsed.error), { cause: parsed.error });
}
