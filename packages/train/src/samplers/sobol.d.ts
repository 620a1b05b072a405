// The `sobol` package ships no types; this declares the one class used (see sobol-sampler.ts).
declare module 'sobol' {
  /** The Sobol sequence in `dimension` dimensions (1…21201). */
  export class SobolSequenceGenerator {
    constructor(dimension: number);
    /** The next point, each coordinate in [0, 1). */
    nextVector(): number[];
  }
}
