/**
 * One named check of a conformance kit: a plain async function that throws on failure, so
 * a kit needs no test runner (`for (const c of kit) it(c.name, c.run)` in vitest, or a CLI).
 */
export interface ConformanceCheck {
  readonly name: string;
  run(): Promise<void>;
}
