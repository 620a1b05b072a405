import { compileTensorExpression, type TensorRhsInput } from '@quadrant/equations/tensor';
import { defineLossTerm, QuadrantError } from '@quadrant/spec';
import { sub, type Tensor2D, tensor2d } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { meanSquare } from './mean-square.ts';
import { outputLayout } from './output-layout.ts';
import { unknownJets } from './unknown-jets.ts';

/**
 * Conservation of the problem's invariants (an oscillator's energy): for every expression in
 * `problem.invariants`, the drift I(t) − I0 at the collocation points, where I0 is the invariant
 * at the initial condition; the value is the mean of the squared drift over the points and the
 * invariants. I0 is evaluated every step with `step.parameters`, so a learnable parameter in an
 * invariant moves both sides. Asks for jets up to the highest order minus one: an invariant reads
 * each unknown and its derivatives below its order.
 * @throws QuadrantError `CONFIG_INVALID` from `create` when the problem has no invariants
 */
export const energyLoss = defineLossTerm({
  name: 'energy',
  description: 'mean squared drift of the problem invariants (an energy) from their value at the initial condition',
  options: z.strictObject({}),
  needsData: false,
  create(context) {
    const { problem } = context;
    const layout = outputLayout(context, 'energy');
    const invariants = Object.entries(problem.invariants ?? {});
    if (invariants.length === 0) {
      throw new QuadrantError(
        'CONFIG_INVALID',
        `${layout.where}: the 'energy' term needs a conserved quantity and the problem declares none; add one, e.g. "invariants": { "energy": "y'^2/2 + omega^2*y^2/2" }, or drop the 'energy' term`,
      );
    }
    const compiled = invariants.map(([name, expression]) => compileTensorExpression(expression, `${problem.origin}: invariants.${name}`, problem));
    const order = layout.highestOrder - 1;
    const start = tensor2d([[problem.domain[0]]]);
    const initialUnknowns: Record<string, Tensor2D[]> = {};
    for (const { name } of layout.columns) initialUnknowns[name] = problem.initial[name]!.map((value) => tensor2d([[value]]));
    return {
      order,
      evaluate(step) {
        const along: TensorRhsInput = {
          t: step.collocation,
          unknowns: unknownJets(step.jets(step.collocation, order), layout, (unknown) => unknown.order - 1),
          parameters: step.parameters,
        };
        const initial: TensorRhsInput = { t: start, unknowns: initialUnknowns, parameters: step.parameters };
        return meanSquare(compiled.map((invariant) => sub(invariant(along), invariant(initial))));
      },
      dispose() {
        start.dispose();
        for (const values of Object.values(initialUnknowns)) for (const value of values) value.dispose();
      },
    };
  },
});
