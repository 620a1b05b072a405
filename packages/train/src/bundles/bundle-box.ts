import { stateNames } from '@quadrant/equations';
import { didYouMean, type Problem, QuadrantError } from '@quadrant/spec';

/** One side of a bundle's box: a parameter or an initial value given as a range. */
export interface BundleAxis {
  /** The parameter's name, or the initial value's state symbol (`y`, `y'`). */
  readonly name: string;
  readonly kind: 'parameter' | 'initial';
  readonly range: readonly [number, number];
}

/**
 * The box of a bundle: every parameter with a range in declaration order, then every initial
 * value with a range in state order. The network's input columns after t follow this order.
 * Empty for a problem without ranges.
 */
export function bundleBox(problem: Problem): BundleAxis[] {
  const axes: BundleAxis[] = [];
  for (const [name, parameter] of Object.entries(problem.parameters)) {
    if (parameter.range !== undefined) axes.push({ name, kind: 'parameter', range: parameter.range });
  }
  for (const symbol of stateNames(problem.unknowns)) {
    const range = problem.initialRanges?.[symbol];
    if (range !== undefined) axes.push({ name: symbol, kind: 'initial', range });
  }
  return axes;
}

/** A point θ of a bundle's box, one value per axis in the box's order. */
export type BundlePoint = readonly number[];

/**
 * The problem at one point of its box: the parameter values to compile it with (ranges at
 * θ, the others at their values) and the problem with its initial values at θ, ready for a
 * reference solver.
 */
export function problemAt(problem: Problem, box: readonly BundleAxis[], theta: BundlePoint): { problem: Problem; parameters: Record<string, number> } {
  const parameters: Record<string, number> = {};
  for (const [name, parameter] of Object.entries(problem.parameters)) parameters[name] = parameter.value ?? parameter.guess;
  const initial: Record<string, number[]> = Object.fromEntries(Object.entries(problem.initial).map(([name, values]) => [name, [...values]]));
  box.forEach((axis, index) => {
    if (axis.kind === 'parameter') parameters[axis.name] = theta[index]!;
    else {
      const { output, derivative } = stateSlotOf(problem, axis.name);
      initial[problem.unknowns[output]!.name]![derivative] = theta[index]!;
    }
  });
  return { problem: { ...problem, initial }, parameters };
}

/** The unknown (its output column) and the derivative that a state symbol (`y`, `y'`) of the problem names. */
export function stateSlotOf(problem: Problem, symbol: string): { output: number; derivative: number } {
  let base = 0;
  const position = stateNames(problem.unknowns).indexOf(symbol);
  for (const [output, { order }] of problem.unknowns.entries()) {
    if (position >= base && position < base + order) return { output, derivative: position - base };
    base += order;
  }
  throw new QuadrantError('INPUT_INVALID', `${problem.origin}: '${symbol}' is not a state of the problem; states: ${stateNames(problem.unknowns).join(', ')}`);
}

/**
 * The point of the box a single run of the problem stands for: each parameter at its value
 * (else its guess, the range's middle unless given), each initial value at its range's middle.
 */
export function nominalPoint(problem: Problem, box: readonly BundleAxis[]): number[] {
  return box.map((axis) => {
    if (axis.kind === 'parameter') {
      const parameter = problem.parameters[axis.name]!;
      return parameter.value ?? parameter.guess;
    }
    const { output, derivative } = stateSlotOf(problem, axis.name);
    return problem.initial[problem.unknowns[output]!.name]![derivative]!;
  });
}

/**
 * The point of the box that `values` names (`{ k: 1.3 }`); axes not named take the middle of
 * their range, or `fallback`'s value.
 * @throws QuadrantError `INPUT_INVALID` naming `where` for a name that is not an axis or a
 *   value outside its range
 */
export function boxPoint(box: readonly BundleAxis[], values: Readonly<Record<string, number>>, where: string, fallback?: BundlePoint): number[] {
  const names = box.map((axis) => axis.name);
  for (const [name, value] of Object.entries(values)) {
    const axis = box.find((candidate) => candidate.name === name);
    if (axis === undefined) {
      throw new QuadrantError(
        'INPUT_INVALID',
        `${where}: '${name}' is not a range of the bundle${didYouMean(name, names)}; ranges: ${names.join(', ') || '(none)'}`,
      );
    }
    const [low, high] = axis.range;
    if (!(value >= low && value <= high)) {
      throw new QuadrantError(
        'INPUT_INVALID',
        `${where}: ${name} = ${value} is outside the bundle's range [${low}, ${high}]; a bundle answers inside its box only`,
      );
    }
  }
  return box.map((axis, index) => values[axis.name] ?? fallback?.[index] ?? (axis.range[0] + axis.range[1]) / 2);
}

/**
 * Points of the box on a grid of `count` evenly spaced values per axis (ends included),
 * the first axis varying slowest.
 */
export function boxGrid(box: readonly BundleAxis[], count: number): number[][] {
  let points: number[][] = [[]];
  for (const axis of box) {
    const [low, high] = axis.range;
    const values = Array.from({ length: count }, (_, i) => (count === 1 ? (low + high) / 2 : low + ((high - low) * i) / (count - 1)));
    points = points.flatMap((point) => values.map((value) => [...point, value]));
  }
  return points;
}
