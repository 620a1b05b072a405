import { residualLoss } from '@quadrant/losses';
import type { Float64PathV1, LeastSquaresProblemV1, NetworkV1, Problem } from '@quadrant/spec';
import { type Scalar, scalar, sum, square, tidy } from '@tensorflow/tfjs-core';
import { equationResiduals } from '../model/equation-residuals.ts';
import { equationEvaluator, stateSlots } from '../model/solution-state.ts';
import { modelSystem } from '../verdict/judge-solution.ts';
import type { PhaseOutcome } from './first-order-phases.ts';
import { recordHistory, type TrainingHistory, type TrainingPlan } from './training-plan.ts';

/**
 * The equation residual at fixed points as a least-squares problem over a network's float64
 * parameters: entry (i, j) is √(w/(N·E))·(u_j^(m_j)(t_i) − f_j(t_i, u, …)), so ½‖r‖² is half the
 * weighted `residual` loss term, and its Jacobian row is that of u_j^(m_j) minus
 * Σ_s ∂f_j/∂y_s times that of state entry s, every piece exact: the network's from its jets,
 * the equation's from the compiled ∂f/∂y.
 */
export function residualLeastSquares(
  problem: Problem,
  path: Float64PathV1,
  t: Float64Array,
  parameters: Readonly<Record<string, number>>,
  weight: number,
): LeastSquaresProblemV1 {
  const { system, jacobian: jacobianOf } = modelSystem({ problem, parameters });
  const slots = stateSlots(problem);
  const outputs = slots.length;
  const order = Math.max(...slots.map((slot) => slot.order));
  const n = system.names.length;
  const size = path.size;
  const factor = Math.sqrt(weight / (t.length * outputs));
  const equations = equationEvaluator(system, slots);
  const partials = new Float64Array(n * n);
  return {
    size,
    evaluate(values, withJacobian) {
      const { jets, jacobian } = path.jets(values, t, order, withJacobian);
      const residual = new Float64Array(t.length * outputs);
      const rows = withJacobian ? new Float64Array(t.length * outputs * size) : undefined;
      for (let i = 0; i < t.length; i++) {
        equations.at(t[i]!, jets, i, outputs);
        if (rows !== undefined) jacobianOf(t[i]!, equations.state, partials);
        slots.forEach((slot, j) => {
          const equation = slot.base + slot.order - 1;
          const entry = i * outputs + j;
          residual[entry] = factor * equations.residual[j]!;
          if (rows === undefined) return;
          const row = rows.subarray(entry * size, (entry + 1) * size);
          row.set(jacobian![slot.order]!.subarray((i * outputs + slot.column) * size, (i * outputs + slot.column + 1) * size));
          for (const other of slots) {
            for (let k = 0; k < other.order; k++) {
              const partial = partials[equation * n + other.base + k]!;
              if (partial === 0) continue;
              const from = jacobian![k]!;
              const offset = (i * outputs + other.column) * size;
              for (let q = 0; q < size; q++) row[q] = row[q]! - partial * from[offset + q]!;
            }
          }
          for (let q = 0; q < size; q++) row[q] = row[q]! * factor;
        });
      }
      return rows === undefined ? { residual } : { residual, jacobian: rows };
    },
  };
}

/**
 * Runs the plan's least-squares phase on `network` over `problem`'s domain: the equation
 * residual at the sampler's points (drawn once) minimised in float64 through the network's
 * float64 path for at most `iterations` iterations; the parameters found are written back.
 */
export function runLeastSquaresPhase(
  plan: TrainingPlan,
  problem: Problem,
  network: NetworkV1,
  history: TrainingHistory,
  epochOffset: number,
  iterations: number,
): PhaseOutcome {
  const phase = plan.leastSquares!;
  const path = network.float64!;
  const sampler = plan.sampler.entry.create({ domain: problem.domain, seed: plan.settings.seed }, plan.sampler.options);
  const points = tidy(() => {
    const scalars: Record<string, Scalar> = Object.fromEntries(Object.entries(plan.parameterStart).map(([name, value]) => [name, scalar(value)]));
    const residuals = equationResiduals(problem, network);
    return sampler.points({ epoch: 0, residual: (input) => sum(square(residuals(input, scalars)), 1) });
  });
  sampler.dispose();
  const t = Float64Array.from(points.dataSync());
  points.dispose();
  const weight = plan.lossTerms.find((term) => term.name === residualLoss.name)!.weight;
  const leastSquares = residualLeastSquares(problem, path, t, plan.parameterStart, weight);
  const result = phase.entry.leastSquares!(leastSquares, path.read(), phase.options, iterations);
  path.write(result.parameters);
  // Iterations are few (tens), so every one is recorded.
  result.history.forEach((cost, i) => {
    recordHistory(history, epochOffset + i, 2 * cost, { [residualLoss.name]: (2 * cost) / weight });
  });
  if (!Number.isFinite(result.cost)) {
    return { status: 'diverged', reason: `diverged in ${phase.entry.name} (${result.reason})`, epochs: result.iterations, learnedParameters: {} };
  }
  const stopped = result.reason !== 'iteration limit';
  return {
    status: stopped ? 'stopped' : 'completed',
    ...(stopped ? { reason: `${phase.entry.name} ${result.reason} at iteration ${result.iterations}` } : {}),
    epochs: result.iterations,
    learnedParameters: {},
  };
}
