import type { Registry } from '@quadrant/train';
import { type CellSpec, cellSpecSchema, networkMethods } from '../cells/cell-spec.ts';
import type { Suite } from './suite-schema.ts';

/**
 * The cells of a suite, in a stable order: problem, then method, architecture, settings
 * variant and seed. Classical methods run once per problem (they have no seed or network).
 */
export function expandSuite(suite: Suite, registry: Registry): CellSpec[] {
  const problems = suite.problems === 'all' ? registry.list('problem').map((entry) => entry.name) : suite.problems;
  const seeds = typeof suite.seeds === 'number' ? Array.from({ length: suite.seeds }, (_, seed) => seed) : suite.seeds;
  const variants = suite.settings ?? [{}];
  const architectures = suite.architectures ?? [undefined];
  const cells: CellSpec[] = [];
  for (const problem of problems) {
    for (const method of suite.methods) {
      const shared = {
        suite: suite.name,
        problem,
        method,
        ...(suite.observations === undefined ? {} : { observations: suite.observations }),
        ...(suite.evaluationPoints === undefined ? {} : { evaluationPoints: suite.evaluationPoints }),
      };
      if (!networkMethods.has(method)) {
        cells.push(cellSpecSchema.parse({ ...shared, settings: suite.solverOptions[method] ?? {} }));
        continue;
      }
      for (const architecture of architectures) {
        for (const variant of variants) {
          for (const seed of seeds) {
            // A variant may name the preset it starts from (`preset: article`); the rest are settings.
            const { preset, ...rest } = variant;
            const settings = architecture === undefined ? rest : { ...rest, architecture };
            cells.push(cellSpecSchema.parse({ ...shared, ...(preset === undefined ? {} : { preset }), settings, seed }));
          }
        }
      }
    }
    for (const extra of suite.extra) {
      cells.push(
        cellSpecSchema.parse({
          suite: suite.name,
          problem,
          ...extra,
          ...(suite.observations === undefined ? {} : { observations: suite.observations }),
          ...(suite.evaluationPoints === undefined ? {} : { evaluationPoints: suite.evaluationPoints }),
        }),
      );
    }
  }
  return cells;
}
