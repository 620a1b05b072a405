import { defineArchitecture, type NetworkShapeV1, type NetworkV1, QuadrantError, type SeededRandom, seededRandom } from '@quadrant/spec';
import { broadcastTo, mul, type Rank, type Tensor2D, tensor1d, tensor2d, tidy, type Variable, variable, zeros } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { denseJet, type Jet, sineJet } from './sine-jet.ts';

/**
 * Highest input-derivative order a SIREN gives. The sine recurrence works at any order; the cap
 * is where float32 still leaves the conformance kit's finite differences something to check.
 */
export const sirenJetOrder = 6;

/** Options of `siren`; every field has a default, so `{}` parses. */
export const sirenOptions = z.strictObject({
  /** Widths of the hidden (sine) layers; at least one, or it would be a linear map. */
  hidden: z.array(z.int().positive()).min(1).default([32, 32]),
  /**
   * ω₀, the frequency factor of every sine layer: a layer computes sin(ω₀·(h·W + b)). The SIREN
   * paper uses 30 for inputs scaled to [−1, 1]; an ODE's time runs over its own unscaled
   * domain ([0, 5], [0, 20]…), where 30 would put dozens of oscillations between neighbouring
   * collocation points. 1 makes the first layer's frequencies at most 1 rad per unit of t, which
   * the later layers sharpen where the solution needs it; raise it for fast oscillations.
   */
  omega0: z.number().positive().default(1),
});

/** Validated options of `siren`. */
export type SirenOptions = z.output<typeof sirenOptions>;

/** One layer's trainable weight W [fanIn, fanOut] and bias b [fanOut]. */
interface SirenLayer {
  readonly weight: Variable<Rank.R2>;
  readonly bias: Variable<Rank.R1>;
}

const uniform = (bound: number, count: number, random: SeededRandom): Float32Array =>
  Float32Array.from({ length: count }, () => bound * (2 * random.uniform() - 1));

/**
 * The SIREN initialisation (Sitzmann et al. 2020, §3.2): the first layer's W ~ U(±1/fanIn), every
 * later W ~ U(±√(6/fanIn)/ω₀), so that ω₀·(h·W) is U(±√(6/fanIn))-distributed and each sine
 * layer's input stays spread over a few periods whatever the depth. Biases are U(±1/√fanIn), as
 * in the paper's reference code (PyTorch's default for a linear layer).
 */
function createLayer(fanIn: number, fanOut: number, first: boolean, omega0: number, random: SeededRandom): SirenLayer {
  const bound = first ? 1 / fanIn : Math.sqrt(6 / fanIn) / omega0;
  return tidy(() => ({
    weight: variable(tensor2d(uniform(bound, fanIn * fanOut, random), [fanIn, fanOut]), true),
    bias: variable(tensor1d(uniform(1 / Math.sqrt(fanIn), fanOut, random)), true),
  }));
}

/**
 * Builds a SIREN: inputs → sin(ω₀·(x·W₁ + b₁)) → … → a linear output layer. Its jets come by
 * forward-mode propagation: a dense layer maps z^(k) = h^(k)·W, a sine layer follows `sineJet`.
 * @throws QuadrantError `JETS_UNSUPPORTED` from `jets` above order 6; `SHAPE_MISMATCH` for an input that is not [N, inputs]
 */
export function buildSiren(options: SirenOptions, shape: NetworkShapeV1): NetworkV1 {
  const random = seededRandom(shape.seed);
  const sizes = [shape.inputs, ...options.hidden, shape.outputs];
  const layers = sizes.slice(1).map((fanOut, i) => createLayer(sizes[i]!, fanOut, i === 0, options.omega0, random));
  const variables = layers.flatMap((layer) => [layer.weight, layer.bias]);
  const output = layers[layers.length - 1]!;
  let disposed = false;
  return {
    architecture: siren.name,
    options,
    shape,
    jetOrder: sirenJetOrder,
    variables,
    jets(input, order) {
      if (!Number.isInteger(order) || order < 0 || order > sirenJetOrder) {
        throw new QuadrantError(
          'JETS_UNSUPPORTED',
          `${siren.name}: jets of order ${order} requested, but this network gives input derivatives of orders 0 to ${sirenJetOrder} only`,
        );
      }
      if (input.rank !== 2 || input.shape[1] !== shape.inputs) {
        throw new QuadrantError(
          'SHAPE_MISMATCH',
          `${siren.name}: input of shape [${input.shape.join(', ')}] given, but this network takes [N, ${shape.inputs}] (column 0 is t)`,
        );
      }
      return tidy(() => {
        const rows = input.shape[0];
        // The input's own jet: x, then x' = e₀ (only column 0 is t), then zeros.
        const unit = tensor2d(
          Float32Array.from({ length: shape.inputs }, (_, i) => (i === 0 ? 1 : 0)),
          [1, shape.inputs],
        );
        let jet: Jet = [input, ...(order >= 1 ? [unit] : []), ...Array<undefined>(Math.max(0, order - 1)).fill(undefined)];
        for (const layer of layers.slice(0, -1)) {
          jet = sineJet(denseJet(jet, mul(layer.weight, options.omega0), mul(layer.bias, options.omega0)));
        }
        jet = denseJet(jet, output.weight, output.bias);
        return jet.map((block) => {
          if (block === undefined) return zeros([rows, shape.outputs]) as Tensor2D;
          return block.shape[0] === rows ? block : broadcastTo<Rank.R2>(block, [rows, shape.outputs]);
        });
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const each of variables) each.dispose();
    },
  };
}

/**
 * SIREN, the sinusoidal representation network (Sitzmann, Martel, Bergman, Lindell and
 * Wetzstein, "Implicit Neural Representations with Periodic Activation Functions", NeurIPS
 * 2020): sine layers sin(ω₀·(h·W + b)) with the SIREN initialisation and a linear output, exact
 * input derivatives up to order 6. Options: `hidden` widths (default [32, 32]) and `omega0`
 * (default 1, for unscaled ODE time domains; the paper's 30 suits inputs in [−1, 1]).
 */
export const siren = defineArchitecture<SirenOptions>({
  name: 'siren',
  description: 'sine layers sin(omega0·(hW + b)) with the SIREN initialisation (Sitzmann et al. 2020); exact jets to order 6',
  options: sirenOptions,
  jetOrder: sirenJetOrder,
  build: buildSiren,
});
