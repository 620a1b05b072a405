import type { Problem } from '@quadrant/spec';

/** A window of t to train one network on, with the initial values at its start. */
export interface TrainingWindow {
  readonly start: number;
  readonly end: number;
  /** For each unknown, [u, u', …, u^(order−1)] at `start`. */
  readonly initial: Readonly<Record<string, readonly number[]>>;
}

/** The problem restricted to a window: its domain and its initial values at the window's start. */
export function windowProblem(problem: Problem, window: TrainingWindow): Problem {
  return { ...problem, domain: [window.start, window.end], initial: window.initial };
}
