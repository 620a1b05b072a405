import { type CellResult, cellResultSchema } from './cell-result.ts';

/** A small, valid classical-solver result with the given id (RK4 on y' = −y over [0, 2]). */
export function classicalCell(id: string, overrides: Partial<CellResult> = {}): CellResult {
  const t = [0, 0.5, 1, 1.5, 2];
  const exact = t.map((point) => Math.exp(-point));
  return cellResultSchema.parse({
    format: 1,
    id,
    suite: 'test',
    problem: 'exponential-decay',
    problemDescription: "y' = -y",
    method: 'rk4',
    seed: 0,
    settings: {},
    status: 'ok',
    backend: 'float64',
    versions: { node: process.versions.node },
    startedAt: '2026-01-01T00:00:00.000Z',
    seconds: { total: 0.01, training: 0.001 },
    epochs: 0,
    history: { epoch: [], total: [], terms: {} },
    trainingDomain: [0, 1],
    extrapolationDomain: [1, 2],
    metrics: {
      inDomain: { mse: 1e-12, rmse: 1e-6, relativeL2: 2e-6, maxAbs: 2e-6 },
      extrapolation: { mse: 4e-12, rmse: 2e-6, relativeL2: 5e-6, maxAbs: 3e-6 },
    },
    prediction: { t, values: { y: exact.map((value) => value + 1e-6) } },
    reference: { t, values: { y: exact } },
    ...overrides,
  });
}
