import { tidy, type Variable, variable, zerosLike } from '@tensorflow/tfjs-core';

/** One non-trainable variable of zeros per optimised variable, of its shape: an optimiser's per-variable state (moments, momentum). */
export function zeroSlots(variables: readonly Variable[]): Variable[] {
  return variables.map((each) => tidy(() => variable(zerosLike(each), false)));
}
