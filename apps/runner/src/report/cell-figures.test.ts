import { describe, expect, it } from 'vitest';
import { classicalCell } from '../results/cell-result.fixture.ts';
import { cellFigures } from './cell-figures.ts';

describe('the error over θ panel', () => {
  const cell = classicalCell('b', { method: 'solver', preset: 'bundle', architecture: 'random-features', referenceSolver: 'odex' });
  const bundle = {
    box: [{ name: 'k', kind: 'parameter' as const, range: [0.5, 2] as [number, number] }],
    points: [0.5, 1.25, 2].map((k, i) => ({ theta: [k], relativeL2: [1e-6, 3e-6, 2e-6][i]! })),
    worst: 3e-6,
    median: 2e-6,
    worstAt: [1.25],
  };

  it("comes first for a bundle's cell: relative L2 against k on a log axis, worst and median in its subtitle", () => {
    const figures = cellFigures({ ...cell, bundle }, 'cell');
    expect(figures.map((figure) => figure.name)).toEqual(['cell-error-over-theta', 'cell-loss', 'cell-training-domain', 'cell-extrapolation']);
    const spec = JSON.stringify(figures[0]!.spec);
    expect(spec).toContain('k in [0.5, 2]');
    expect(spec).toContain('worst 3.00e-6, median 2.00e-6');
    expect(spec).toContain('"type":"log"');
  });

  it('is absent for other cells', () => {
    expect(cellFigures(cell, 'cell').map((figure) => figure.name)).not.toContain('cell-error-over-theta');
  });
});
