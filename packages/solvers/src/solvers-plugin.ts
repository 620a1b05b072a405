import { definePlugin } from '@quadrant/spec';
import { eulerSolver } from './euler-solver.ts';
import { odexSolver } from './odex-solver.ts';
import { rk4Solver } from './rk4-solver.ts';
import { rodasSolver } from './rodas-solver.ts';

/** The built-in solvers (`odex`, `rodas`, `rk4`, `euler`) as a plugin: how the default registry receives them. */
export const solversPlugin = definePlugin({ name: '@quadrant/solvers', solvers: [odexSolver, rodasSolver, rk4Solver, eulerSolver] });
