/**
 * The learned flow of `neural-ode` in float64 with its hand-written reverse pass (the discrete
 * adjoint of RK4 through the MLP f_θ). On wasm every tfjs op costs microseconds whatever its size,
 * and an RK4 trajectory is hundreds of tiny sequential ops (four MLP evaluations per step), so
 * the autodiff tape costs about a hundred times this plain loop over a few thousand weights.
 * No library differentiates plain JavaScript through a loop; the reverse pass is the chain rule
 * written out, checked against tfjs autodiff in the tests.
 */

/** A dense layer as plain numbers: `weight` row-major [fanIn × fanOut], `bias` [fanOut]. */
export interface PlainLayer {
  readonly weight: Float64Array;
  readonly bias: Float64Array;
  readonly fanIn: number;
  readonly fanOut: number;
}

/** How the state of the learned system is laid out and what f_θ sees. */
export interface FlowLayout {
  /** Each output's order m_j: the state holds [u_j, u_j', …, u_j^(m_j−1)] from slot `bases[j]`. */
  readonly orders: readonly number[];
  readonly bases: readonly number[];
  readonly size: number;
  /** Whether f_θ takes t first, as `timeScale`·(t − `start`) − 1. */
  readonly time: boolean;
  readonly timeScale: number;
  readonly start: number;
}

/** σ(x) and σ'(x) into out[0], out[1] (an activation's float64 derivatives). */
export type PlainActivation = (x: number, out: Float64Array, order: number) => void;

/** The states at the asked points and the map from their cotangents to the weight gradients. */
export interface FlowWithVjp {
  /** [N × size], row-major, in the order of the asked points. */
  readonly states: Float64Array;
  /** Cotangents of `states` (same layout) → gradients per layer: weight then bias, layer by layer. */
  vjp(cotangents: ArrayLike<number>): Float64Array[];
}

class Mlp {
  private readonly derivatives = new Float64Array(2);
  constructor(
    readonly layers: readonly PlainLayer[],
    private readonly sigma: PlainActivation,
    /** A linear layer from the input straight to the output, added to the MLP's (its gradients follow the layers'). */
    private readonly skip: PlainLayer | undefined,
  ) {}

  /** f_θ(x): the MLP plus the linear skip, if any. */
  evaluate(x: Float64Array): Float64Array {
    const f = this.forward(x);
    if (this.skip !== undefined) affineInto(f, x, this.skip);
    return f;
  }

  /** f_θ(x), with each layer's input and (hidden layers) σ'(z) when `keep` collects them. */
  forward(x: Float64Array, keep?: { inputs: Float64Array[]; slopes: Float64Array[] }): Float64Array {
    let h = x;
    this.layers.forEach((layer, l) => {
      keep?.inputs.push(h);
      const z = new Float64Array(layer.fanOut);
      affineInto(z, h, layer);
      if (l === this.layers.length - 1) {
        h = z;
        return;
      }
      const slope = new Float64Array(layer.fanOut);
      for (let o = 0; o < layer.fanOut; o++) {
        this.sigma(z[o]!, this.derivatives, 1);
        z[o] = this.derivatives[0]!;
        slope[o] = this.derivatives[1]!;
      }
      keep?.slopes.push(slope);
      h = z;
    });
    return h;
  }

  /** The cotangent of x for the cotangent `g` of f_θ(x); adds the weight gradients into `grads`. */
  backward(x: Float64Array, g: Float64Array, grads: Float64Array[]): Float64Array {
    const keep = { inputs: [] as Float64Array[], slopes: [] as Float64Array[] };
    this.forward(x, keep);
    const skipped = this.skip === undefined ? undefined : this.skipBackward(x, g, grads);
    let gz = g;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l]!;
      const input = keep.inputs[l]!;
      const gh = affineBackward(layer, input, gz, grads[2 * l]!, grads[2 * l + 1]!);
      if (l > 0) {
        const slope = keep.slopes[l - 1]!;
        for (let i = 0; i < layer.fanIn; i++) gh[i]! *= slope[i]!;
      }
      gz = gh;
    }
    if (skipped !== undefined) for (let i = 0; i < gz.length; i++) gz[i]! += skipped[i]!;
    return gz;
  }

  /** The skip's share of the cotangent of x; adds its gradients after the layers' in `grads`. */
  private skipBackward(x: Float64Array, g: Float64Array, grads: Float64Array[]): Float64Array {
    return affineBackward(this.skip!, x, g, grads[2 * this.layers.length]!, grads[2 * this.layers.length + 1]!);
  }
}

/** out += x·W + b for a plain layer. */
function affineInto(out: Float64Array, x: Float64Array, layer: PlainLayer): void {
  for (let o = 0; o < layer.fanOut; o++) out[o]! += layer.bias[o]!;
  for (let i = 0; i < layer.fanIn; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * layer.fanOut;
    for (let o = 0; o < layer.fanOut; o++) out[o]! += xi * layer.weight[row + o]!;
  }
}

/** The reverse of `affineInto` for the cotangent `g` of its output: adds the weight and bias gradients into `gw` and `gb`, gives the cotangent of x. */
function affineBackward(layer: PlainLayer, x: Float64Array, g: Float64Array, gw: Float64Array, gb: Float64Array): Float64Array {
  const gx = new Float64Array(layer.fanIn);
  for (let o = 0; o < layer.fanOut; o++) gb[o]! += g[o]!;
  for (let i = 0; i < layer.fanIn; i++) {
    const row = i * layer.fanOut;
    let sum = 0;
    for (let o = 0; o < layer.fanOut; o++) {
      gw[row + o]! += x[i]! * g[o]!;
      sum += layer.weight[row + o]! * g[o]!;
    }
    gx[i] = sum;
  }
  return gx;
}

/** One RK4 step as taken: its start, step and the states its stages were evaluated at. */
interface TakenStep {
  readonly t: number;
  readonly h: number;
  readonly stages: readonly Float64Array[];
}

/**
 * The RK4 flow of s' = F(s) (F: lower derivatives shifted down, f_θ in each output's highest
 * slot) from `initial` at `t0` to every asked point (forwards to later ones, backwards to earlier
 * ones, no step longer than `largestStep`), and its reverse pass. With `skip`, f_θ is the MLP plus
 * that linear layer of its input; its gradients come after the layers' ones.
 */
export function neuralOdeFlow(
  layers: readonly PlainLayer[],
  sigma: PlainActivation,
  layout: FlowLayout,
  initial: Float64Array,
  t0: number,
  largestStep: number,
  times: ArrayLike<number>,
  skip?: PlainLayer,
): FlowWithVjp {
  const mlp = new Mlp(layers, sigma, skip);
  const { orders, bases, size } = layout;
  const outputs = orders.length;
  const inputOf = (s: Float64Array, t: number): Float64Array => {
    if (!layout.time) return s;
    const x = new Float64Array(size + 1);
    x[0] = layout.timeScale * (t - layout.start) - 1;
    x.set(s, 1);
    return x;
  };
  const rhs = (s: Float64Array, t: number): Float64Array => {
    const f = mlp.evaluate(inputOf(s, t));
    const out = new Float64Array(size);
    orders.forEach((order, j) => {
      for (let k = 0; k + 1 < order; k++) out[bases[j]! + k] = s[bases[j]! + k + 1]!;
      out[bases[j]! + order - 1] = f[j]!;
    });
    return out;
  };
  const rhsBackward = (s: Float64Array, t: number, g: Float64Array, grads: Float64Array[]): Float64Array => {
    const gs = new Float64Array(size);
    const gf = new Float64Array(outputs);
    orders.forEach((order, j) => {
      for (let k = 0; k + 1 < order; k++) gs[bases[j]! + k + 1]! += g[bases[j]! + k]!;
      gf[j] = g[bases[j]! + order - 1]!;
    });
    const gx = mlp.backward(inputOf(s, t), gf, grads);
    const offset = layout.time ? 1 : 0;
    for (let i = 0; i < size; i++) gs[i]! += gx[i + offset]!;
    return gs;
  };
  const axpy = (s: Float64Array, a: number, k: Float64Array) => Float64Array.from(s, (value, i) => value + a * k[i]!);

  // Each march: its steps and, per point reached, how many steps it took.
  const distinct = [...new Set(Array.from(times))];
  const reached = new Map<number, { march: number; after: number; state: Float64Array }>();
  const marches: TakenStep[][] = [[], []];
  const march = (index: number, targets: readonly number[]) => {
    const steps = marches[index]!;
    let state = initial;
    let from = t0;
    for (const target of targets) {
      const count = Math.max(1, Math.ceil(Math.abs(target - from) / largestStep - 1e-9));
      const h = (target - from) / count;
      for (let i = 0; i < count; i++) {
        const t = from + i * h;
        const k1 = rhs(state, t);
        const s1 = axpy(state, h / 2, k1);
        const k2 = rhs(s1, t + h / 2);
        const s2 = axpy(state, h / 2, k2);
        const k3 = rhs(s2, t + h / 2);
        const s3 = axpy(state, h, k3);
        const k4 = rhs(s3, t + h);
        steps.push({ t, h, stages: [state, s1, s2, s3] });
        state = Float64Array.from(state, (value, c) => value + (h / 6) * (k1[c]! + 2 * k2[c]! + 2 * k3[c]! + k4[c]!));
      }
      reached.set(target, { march: index, after: steps.length, state });
      from = target;
    }
  };
  march(
    0,
    distinct.filter((t) => t > t0).sort((a, b) => a - b),
  );
  march(
    1,
    distinct.filter((t) => t < t0).sort((a, b) => b - a),
  );
  const states = new Float64Array(times.length * size);
  for (let i = 0; i < times.length; i++) states.set(reached.get(times[i]!)?.state ?? initial, i * size);
  return {
    states,
    vjp(cotangents) {
      const grads = [...layers, ...(skip === undefined ? [] : [skip])].flatMap((layer) => [
        new Float64Array(layer.weight.length),
        new Float64Array(layer.bias.length),
      ]);
      // The adjoint of the state where each march reaches each point: the cotangents summed over the rows that asked for it.
      const seeds = marches.map(() => new Map<number, Float64Array>());
      for (let i = 0; i < times.length; i++) {
        const at = reached.get(times[i]!);
        if (at === undefined) continue;
        const seed = seeds[at.march]!.get(at.after) ?? new Float64Array(size);
        for (let c = 0; c < size; c++) seed[c]! += cotangents[i * size + c]!;
        seeds[at.march]!.set(at.after, seed);
      }
      marches.forEach((steps, index) => {
        const adjoint = new Float64Array(size);
        for (let n = steps.length; n >= 1; n--) {
          const seed = seeds[index]!.get(n);
          if (seed !== undefined) for (let c = 0; c < size; c++) adjoint[c]! += seed[c]!;
          const { t, h, stages } = steps[n - 1]!;
          const [s0, s1, s2, s3] = stages as [Float64Array, Float64Array, Float64Array, Float64Array];
          // s⁺ = s + h/6 (k1 + 2k2 + 2k3 + k4), k1 = F(s), k2 = F(s + h/2 k1), k3 = F(s + h/2 k2), k4 = F(s + h k3).
          const g4 = rhsBackward(s3, t + h, axpy(new Float64Array(size), h / 6, adjoint), grads);
          const gk3 = Float64Array.from(adjoint, (value, c) => (h / 3) * value + h * g4[c]!);
          const g3 = rhsBackward(s2, t + h / 2, gk3, grads);
          const gk2 = Float64Array.from(adjoint, (value, c) => (h / 3) * value + (h / 2) * g3[c]!);
          const g2 = rhsBackward(s1, t + h / 2, gk2, grads);
          const gk1 = Float64Array.from(adjoint, (value, c) => (h / 6) * value + (h / 2) * g2[c]!);
          const g1 = rhsBackward(s0, t, gk1, grads);
          for (let c = 0; c < size; c++) adjoint[c]! += g4[c]! + g3[c]! + g2[c]! + g1[c]!;
        }
      });
      return grads;
    },
  };
}
