import { type NetworkV1, QuadrantError } from '@quadrant/spec';
import { add, cos, mul, neg, sin, slice, type Tensor2D, tensor2d, tidy, variable } from '@tensorflow/tfjs-core';

/** Per output column j: u_j(t) = amplitude[j]·sin(frequency[j]·t + phase[j]) + offset[j]. */
export interface SinusoidValues {
  readonly amplitude: readonly number[];
  readonly frequency: readonly number[];
  readonly phase: readonly number[];
  readonly offset: readonly number[];
}

// Exact at every order; a cap keeps `jetOrder` a finite number, far above what an equation needs.
const sinusoidJetOrder = 8;

/**
 * A network whose jets are known in closed form, for checking loss terms by hand: one sinusoid
 * per output, u_j(t) = a_j·sin(b_j·t + φ_j) + c_j, so u_j^(k)(t) = a_j·b_j^k·sin(b_j·t + φ_j + kπ/2).
 * Its four variables (a, b, φ, c, each [1, outputs], in that order) are trainable, so gradients of
 * a term reach them. With a = 1, b = ω, φ = π/2, c = 0 it is the harmonic oscillator's cos(ω·t).
 * It reads input column 0 only.
 * @throws QuadrantError `SHAPE_MISMATCH` when the four arrays differ in length
 */
export function sinusoidNetwork(values: SinusoidValues): NetworkV1 {
  const outputs = values.amplitude.length;
  const rows = [values.amplitude, values.frequency, values.phase, values.offset];
  if (outputs === 0 || rows.some((row) => row.length !== outputs)) {
    throw new QuadrantError(
      'SHAPE_MISMATCH',
      `sinusoidNetwork: amplitude, frequency, phase and offset need one value per output each (lengths ${rows.map((row) => row.length).join(', ')})`,
    );
  }
  // A variable shares its initial tensor's data, so the tidy frees the initial tensor and keeps the values.
  const [amplitude, frequency, phase, offset] = rows.map((row) => tidy(() => variable(tensor2d([...row], [1, outputs]), true)));
  const variables = [amplitude!, frequency!, phase!, offset!];
  return {
    architecture: 'sinusoid',
    options: { amplitude: [...values.amplitude], frequency: [...values.frequency], phase: [...values.phase], offset: [...values.offset] },
    shape: { inputs: 1, outputs, seed: 0 },
    jetOrder: sinusoidJetOrder,
    variables,
    jets(input: Tensor2D, order: number): Tensor2D[] {
      if (order > sinusoidJetOrder) {
        throw new QuadrantError('JETS_UNSUPPORTED', `sinusoid: jets of order ${order} asked, at most ${sinusoidJetOrder} supported`);
      }
      const t = input.shape[1] === 1 ? input : slice(input, [0, 0], [-1, 1]);
      const argument = add(mul(t, frequency!), phase!);
      const sine = sin(argument);
      const jets: Tensor2D[] = [add(mul(amplitude!, sine), offset!)];
      if (order === 0) return jets;
      // sin(x + kπ/2) cycles through sin, cos, −sin, −cos.
      const cosine = cos(argument);
      const cycle = [sine, cosine, neg(sine), neg(cosine)];
      let factor: Tensor2D = amplitude!;
      for (let k = 1; k <= order; k++) {
        factor = mul(factor, frequency!);
        jets.push(mul(factor, cycle[k % 4]!));
      }
      return jets;
    },
    dispose() {
      for (const each of variables) each.dispose();
    },
  };
}
