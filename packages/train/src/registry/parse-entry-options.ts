import { formatZodError, QuadrantError } from '@quadrant/spec';
import type { ZodType } from 'zod';

/**
 * Validates raw options against a registry entry's schema, defaults included.
 * @param where - what to name first in the message (`settings.architecture.options`)
 * @throws QuadrantError `OPTIONS_INVALID` naming the entry and the field path
 */
export function parseEntryOptions<T>(entry: { readonly name: string; readonly options: ZodType<T> }, raw: unknown, where: string): T {
  const parsed = entry.options.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new QuadrantError('OPTIONS_INVALID', formatZodError(where, parsed.error, { entry: entry.name }), { cause: parsed.error });
}
