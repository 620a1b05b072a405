/** A seeded stream of random numbers: the same seed gives the same stream on every platform. */
export interface SeededRandom {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal, N(0, 1). */
  normal(): number;
}

/**
 * A seeded random stream: mulberry32 for uniforms, Box–Muller for normals. Initialisers draw
 * from their own stream instead of tfjs's random ops, whose state is global: a network's
 * weights then depend on its seed alone, not on what else was drawn before it.
 * @param seed - any finite number; it is truncated to a 32-bit integer
 */
export function seededRandom(seed: number): SeededRandom {
  let state = Math.trunc(seed) >>> 0;
  let spare: number | undefined;
  // mulberry32 (Tommy Ettinger): a 32-bit state advanced by a Weyl step and mixed; period 2^32.
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  // Box–Muller: two uniforms give two independent normals; the second is kept for the next call.
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { uniform, normal };
}
