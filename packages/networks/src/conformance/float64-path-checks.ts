import { tensor, tidy } from '@tensorflow/tfjs-core';
import { type ConformanceCheck, type Float64PathV1, type NetworkV1, QuadrantError } from '@quadrant/spec';
import type { SeededRandom } from '@quadrant/spec';
import { matchesDifferences } from './difference-estimate.ts';

/** What the float64 checks share with the rest of the architecture kit. */
export interface Float64CheckContext {
  /** The architecture's name, which every message starts with. */
  readonly name: string;
  /** Input columns of the networks built. */
  readonly inputs: number;
  /** Output columns of the networks built. */
  readonly outputs: number;
  /** Highest jet order checked. */
  readonly order: number;
  /** Multiplies every tolerance. */
  readonly tolerance: number;
  /** A named check (the name gets the architecture's prefix). */
  check(title: string, run: () => Promise<void>): ConformanceCheck;
  /** Builds a network, lends it to `use`, disposes it. */
  withNetwork(use: (network: NetworkV1) => void | Promise<void>): Promise<void>;
  /** The tfjs jets of orders 0..order at `ts`, row-major [ts.length × outputs] each, in float64. */
  evaluate(network: NetworkV1, ts: readonly number[], order: number): Float64Array[];
  /** `count` points in [−2, 2] on a grid of 1/16 (exact in float32). */
  gridPoints(count: number): number[];
  /** A seeded stream, one per use. */
  random(stream: number): SeededRandom;
}

// float32 unit roundoff: the tfjs path computes in float32, the float64 path far below it.
const epsilon32 = 2 ** -23;
const epsilon64 = 2 ** -52;
// The tfjs jets' rounding, in units of epsilon32 times each order's scale: tens of ops each add
// an ulp or so, and a sum of terms larger than itself cancels (measured on the built-in MLPs:
// up to 50, at 64 points, three seeds).
const float32Ulps = 256;
// Share of a Jacobian column's scale allowed between it and differences of the float64 jets:
// far above what extrapolated differences in float64 leave, far below a wrong term.
const jacobianRelativeError = 1e-6;
// Rounding of a float64 jet, in units of epsilon64 times the order's scale.
const float64Ulps = 64;
// Steps in a parameter for the differences: halving from 2^-6, down to where rounding in
// float64 still leaves the estimate well inside the tolerance.
const parameterSteps = Array.from({ length: 15 }, (_, i) => 2 ** -(i + 6));

const maxAbs = (values: ArrayLike<number>): number => {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]!));
  return largest;
};

const format = (value: number): string => value.toPrecision(6);

/** The network's variables flattened in order, as float64. */
const variableValues = (network: NetworkV1): Float64Array => {
  const values: number[] = [];
  for (const variable of network.variables) for (const value of variable.dataSync()) values.push(value);
  return Float64Array.from(values);
};

/**
 * The checks of a declared `float64` path (they pass at once when a network has none):
 *
 * - its jets equal the tfjs jets at the current parameters, to float32 rounding, with the
 *   documented shapes;
 * - its Jacobian equals finite differences of its own float64 jets in each parameter, to a
 *   relative 1e-6;
 * - `write` then `read` round-trips exactly, stores the float32 rounding in the variables (so
 *   the tfjs jets follow), and `read` follows the variables once something else moves them;
 * - order jetOrder + 1 is refused with `JETS_UNSUPPORTED`.
 *
 * `Float64PathV1.jets` takes t alone, so a network with more than one input column must not
 * declare the path: its other columns would have no values.
 */
export function float64PathChecks(context: Float64CheckContext): ConformanceCheck[] {
  const { name, inputs, outputs, order, tolerance, check, withNetwork, evaluate, gridPoints, random } = context;

  /** The path, or undefined when the network declares none; refuses a path on several inputs. */
  const pathOf = (network: NetworkV1): Float64PathV1 | undefined => {
    const path = network.float64;
    if (path === undefined) return undefined;
    if (inputs !== 1) {
      throw new Error(
        `${name}: the network has ${inputs} input columns and declares a float64 path, whose jets take t alone: the other columns would have no values; declare it only on networks with one input`,
      );
    }
    const size = network.variables.reduce((total, variable) => total + variable.size, 0);
    if (path.size !== size) throw new Error(`${name}: float64.size is ${path.size}, but the variables hold ${size} values`);
    return path;
  };

  /** Throws unless float64 jets match tfjs jets (both row-major per order) to float32 rounding. */
  const expectFloat32Close = (float64: readonly Float64Array[], tfjs: readonly Float64Array[], where: string): void => {
    tfjs.forEach((expected, k) => {
      const got = float64[k]!;
      const allowed = tolerance * float32Ulps * epsilon32 * (maxAbs(expected) + 1e-30);
      for (let entry = 0; entry < expected.length; entry++) {
        const difference = Math.abs(got[entry]! - expected[entry]!);
        if (!(difference <= allowed)) {
          const point = Math.floor(entry / outputs);
          throw new Error(
            `${name}: ${where}, the float64 jet of order ${k} differs from the tfjs jet at point ${point}, output ${entry % outputs}: ` +
              `${format(got[entry]!)} vs ${format(expected[entry]!)} (allowed ${allowed.toExponential(2)})`,
          );
        }
      }
    });
  };

  /** Throws unless `jets` has order + 1 entries of N·outputs finite values. */
  const expectJetShapes = (jets: readonly Float64Array[], points: number, jetsOrder: number): void => {
    if (jets.length !== jetsOrder + 1) throw new Error(`${name}: float64.jets(…, ${jetsOrder}, …) returned ${jets.length} jets, expected ${jetsOrder + 1}`);
    jets.forEach((jet, k) => {
      if (jet.length !== points * outputs)
        throw new Error(`${name}: the float64 jet of order ${k} has ${jet.length} entries, expected N·outputs = ${points * outputs}`);
      if (jet.some((value) => !Number.isFinite(value))) throw new Error(`${name}: the float64 jet of order ${k} is not finite`);
    });
  };

  return [
    check(`float64 path, when declared: jets of orders 0..${order} equal the tfjs jets to float32 rounding at the current parameters`, async () => {
      const ts = gridPoints(16);
      await withNetwork((network) => {
        const path = pathOf(network);
        if (path === undefined) return;
        const parameters = path.read();
        if (parameters.length !== path.size) throw new Error(`${name}: float64.read() returned ${parameters.length} values for size ${path.size}`);
        const { jets } = path.jets(parameters, Float64Array.from(ts), order, false);
        expectJetShapes(jets, ts.length, order);
        expectFloat32Close(jets, evaluate(network, ts, order), 'at the parameters as built');
      });
    }),

    check(`float64 path, when declared: the Jacobian of jets of orders 0..${order} matches finite differences of its own float64 jets`, async () => {
      const ts = Float64Array.from(gridPoints(8));
      await withNetwork((network) => {
        const path = pathOf(network);
        if (path === undefined) return;
        const size = path.size;
        const parameters = path.read();
        const rows = ts.length * outputs;
        const result = path.jets(parameters, ts, order, true);
        expectJetShapes(result.jets, ts.length, order);
        const jacobian = result.jacobian;
        if (jacobian === undefined || jacobian.length !== order + 1 || jacobian.some((block) => block.length !== rows * size)) {
          throw new Error(
            `${name}: float64.jets(…, ${order}, true) must give ${order + 1} Jacobian blocks of (N·outputs)·size = ${rows * size} entries; got ` +
              `${jacobian === undefined ? 'none' : jacobian.map((block) => block.length).join(', ')}`,
          );
        }
        const plain = path.jets(parameters, ts, order, false).jets;
        result.jets.forEach((jet, k) => {
          const scale = maxAbs(jet);
          if (jet.some((value, entry) => Math.abs(value - plain[k]![entry]!) > 1e-12 * (scale + 1e-30))) {
            throw new Error(`${name}: the float64 jet of order ${k} changes when the Jacobian is asked for`);
          }
        });
        // The first and last entry of every variable (where a layout slips) and two drawn at random.
        const pick = random(303);
        const selected: number[] = [];
        let offset = 0;
        for (const variable of network.variables) {
          for (const index of [0, variable.size - 1, Math.floor(pick.uniform() * variable.size), Math.floor(pick.uniform() * variable.size)]) {
            if (!selected.includes(offset + index)) selected.push(offset + index);
          }
          offset += variable.size;
        }
        const jetScales = result.jets.map((jet) => maxAbs(jet));
        const failures: string[] = [];
        let checked = 0;
        let total = 0;
        for (const parameter of selected) {
          const samples = new Map<string, readonly Float64Array[]>();
          const jetsAt = (step: number, stencilOffset: number): readonly Float64Array[] => {
            if (stencilOffset === 0) return result.jets;
            const key = `${step},${stencilOffset}`;
            let jets = samples.get(key);
            if (jets === undefined) {
              const moved = parameters.slice();
              moved[parameter] = parameters[parameter]! + stencilOffset * parameterSteps[step]!;
              jets = path.jets(moved, ts, order, false).jets;
              samples.set(key, jets);
            }
            return jets;
          };
          for (let k = 0; k <= order; k++) {
            let columnScale = 0;
            for (let row = 0; row < rows; row++) columnScale = Math.max(columnScale, Math.abs(jacobian[k]![row * size + parameter]!));
            const allowed = (h: number): number => tolerance * (jacobianRelativeError * columnScale + (float64Ulps * epsilon64 * jetScales[k]!) / h);
            for (let row = 0; row < rows; row++) {
              total++;
              const derivative = jacobian[k]![row * size + parameter]!;
              const {
                checked: usable,
                matches,
                estimate,
              } = matchesDifferences(derivative, (step, stencilOffset) => jetsAt(step, stencilOffset)[k]![row]!, parameterSteps, allowed);
              if (!usable) continue;
              checked++;
              if (!matches && estimate !== undefined) {
                failures.push(
                  `order ${k}, t = ${ts[Math.floor(row / outputs)]}, output ${row % outputs}, parameter ${parameter}: Jacobian ${format(derivative)}, differences ${format(estimate.value)} (allowed error ${estimate.allowed.toExponential(2)})`,
                );
              }
            }
          }
        }
        if (failures.length > 0) {
          throw new Error(
            `${name}: the float64 Jacobian is not the derivative of the float64 jets at ${failures.length} of ${checked} entries; ${failures.slice(0, 3).join('; ')}`,
          );
        }
        if (checked < total / 2) {
          throw new Error(`${name}: the float64 jets are smooth enough in the parameters to difference at only ${checked} of ${total} entries`);
        }
      });
    }),

    check(
      'float64 path, when declared: write then read round-trips exactly, the tfjs jets follow what was written, and read follows the variables',
      async () => {
        const ts = gridPoints(16);
        await withNetwork((network) => {
          const path = pathOf(network);
          if (path === undefined) return;
          const before = evaluate(network, ts, order);
          const pick = random(404);
          // Moved by about 1% and off the float32 grid, so that the float64 copy is what read must give.
          const written = path.read().map((value) => value + 0.01 * (2 * pick.uniform() - 1) * (Math.abs(value) + 0.1));
          if (written.every((value) => Math.fround(value) === value)) written[0] = written[0]! + 2 ** -40;
          const expected = written.slice();
          path.write(written);
          written.fill(0);
          const read = path.read();
          if (read.length !== expected.length || read.some((value, i) => !Object.is(value, expected[i]))) {
            const i = read.findIndex((value, j) => !Object.is(value, expected[j]));
            throw new Error(
              `${name}: float64.read() after write() does not give back what was written (exactly, as a copy of the caller's array): ` +
                `parameter ${i}: ${read[i]} vs ${expected[i]}`,
            );
          }
          read.fill(0);
          if (path.read().some((value, i) => !Object.is(value, expected[i])))
            throw new Error(`${name}: float64.read() must return a copy: changing it changed the next read()`);
          const variables = variableValues(network);
          const rounded = variables.findIndex((value, i) => value !== Math.fround(expected[i]!));
          if (rounded >= 0) {
            throw new Error(
              `${name}: after float64.write() variable value ${rounded} is ${variables[rounded]}, expected the float32 rounding of ${expected[rounded]}`,
            );
          }
          const after = evaluate(network, ts, order);
          const changed = after.some((jet, k) => {
            const allowed = tolerance * float32Ulps * epsilon32 * (maxAbs(before[k]!) + 1e-30);
            return jet.some((value, entry) => Math.abs(value - before[k]![entry]!) > allowed);
          });
          if (!changed) throw new Error(`${name}: the tfjs jets did not change after float64.write() of new parameters`);
          expectFloat32Close(path.jets(expected, Float64Array.from(ts), order, false).jets, after, 'after write()');
          // A first-order optimiser moves the variables behind the copy's back: read must follow them.
          const first = network.variables[0]!;
          tidy(() => {
            const values = Float32Array.from(first.dataSync());
            values[0] = values[0]! + 2 ** -10;
            first.assign(tensor(values, first.shape));
          });
          const moved = variableValues(network);
          const followed = path.read();
          if (followed.length !== moved.length || followed.some((value, i) => value !== moved[i])) {
            throw new Error(`${name}: float64.read() after the variables were moved must give their values, not the stale float64 copy`);
          }
        });
      },
    ),

    check('float64 path, when declared: jets and Jacobians are new arrays on every call, the caller may overwrite them', async () => {
      const ts = Float64Array.from(gridPoints(4));
      await withNetwork((network) => {
        const path = pathOf(network);
        if (path === undefined) return;
        const parameters = path.read();
        const first = path.jets(parameters, ts, order, true);
        const kept = first.jets.map((jet) => jet.slice());
        // What a caller does with what it was given (input scaling rescales in place).
        for (const block of [...first.jets, ...(first.jacobian ?? [])]) block.fill(Number.NaN);
        const second = path.jets(parameters, ts, order, true);
        const returned = [...second.jets, ...(second.jacobian ?? [])];
        if (returned.some((block) => [...first.jets, ...(first.jacobian ?? [])].includes(block))) {
          throw new Error(`${name}: float64.jets returned an array it returned before; every call must return new arrays, which belong to the caller`);
        }
        if (second.jets.some((jet, k) => jet.some((value, entry) => value !== kept[k]![entry]))) {
          throw new Error(`${name}: float64.jets changed after the caller overwrote the arrays of an earlier call`);
        }
      });
    }),

    check('float64 path, when declared: asking for more derivatives than jetOrder is refused with JETS_UNSUPPORTED', async () => {
      await withNetwork((network) => {
        const path = pathOf(network);
        if (path === undefined) return;
        const beyond = network.jetOrder + 1;
        let error: unknown;
        try {
          path.jets(path.read(), Float64Array.from(gridPoints(4)), beyond, false);
        } catch (caught) {
          error = caught;
        }
        if (!QuadrantError.hasCode(error, 'JETS_UNSUPPORTED')) {
          throw new Error(
            `${name}: float64.jets(…, ${beyond}, …) above jetOrder ${network.jetOrder} must throw QuadrantError JETS_UNSUPPORTED; got ${error === undefined ? 'a result' : String(error)}`,
          );
        }
        if (!error.message.includes(name) || !error.message.includes(String(beyond))) {
          throw new Error(`${name}: the float64 JETS_UNSUPPORTED message should name the architecture and the order ${beyond}: '${error.message}'`);
        }
      });
    }),
  ];
}
