// The part of the `odex` package Quadrant uses. odex ships its TypeScript sources beside its
// CommonJS build, and they do not compile under our strict flags; `paths` in
// tsconfig.base.json points the compiler here instead of at them.
declare const odex: {
  Solver: new (
    dimension: number,
  ) => {
    absoluteTolerance: number;
    relativeTolerance: number;
    maxSteps: number;
    denseOutput: boolean;
    solve(
      rhs: (t: number, y: number[]) => ArrayLike<number>,
      t0: number,
      y0: number[],
      tEnd: number,
      observe: (step: number, from: number, to: number, y: number[], dense?: (component: number, t: number) => number) => void,
    ): { y: number[]; outcome: number };
  };
  /** Outcome of `solve`: 0 converged, 1 maxSteps exceeded, 2 stopped by the observer. */
  Outcome: { MaxStepsExceeded: number };
};
export default odex;
