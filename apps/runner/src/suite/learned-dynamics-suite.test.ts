import { defaultRegistry } from '@quadrant/train';
import { describe, expect, it } from 'vitest';
import { resolveProblem } from '../problems/resolve-problem.ts';
import { expandSuite } from './expand-suite.ts';
import { loadSuite } from './load-suite.ts';

describe('the learned-dynamics suite', () => {
  it('sets data-only, PINN and neural-ode side by side on Lotka–Volterra observed at 20 points on [0, 6] and on the article problem', async () => {
    const { suite, baseDir } = loadSuite('learned-dynamics', process.cwd());
    const cells = expandSuite(suite, defaultRegistry);
    expect(cells.map((cell) => `${cell.problem} ${cell.method}`)).toEqual([
      './problems/lotka-volterra-sampled.yaml data-only',
      './problems/lotka-volterra-sampled.yaml pinn',
      './problems/lotka-volterra-sampled.yaml neural-ode',
      'exponential-decay data-only',
      'exponential-decay pinn',
      'exponential-decay neural-ode',
    ]);
    const sampled = await resolveProblem(cells[0]!.problem, defaultRegistry, baseDir);
    expect(sampled.domain).toEqual([0, 6]);
    expect(sampled.data?.t).toHaveLength(20);
    expect(Object.keys(sampled.data?.values ?? {}).sort()).toEqual(['predator', 'prey']);
  });
});
