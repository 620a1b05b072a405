import { QuadrantError, type WeightingStateV1 } from '@quadrant/spec';

/**
 * The `data` of a saved weighting state, once it is known to be this scheme's, of this layout
 * version, for `terms` terms (`data.terms`).
 * @throws QuadrantError `ARTEFACT_INVALID` otherwise, naming what does not fit
 */
export function readWeightingState(state: WeightingStateV1, name: string, version: number, terms: number): WeightingStateV1['data'] {
  if (state.weighting !== name || state.version !== version) {
    throw new QuadrantError(
      'ARTEFACT_INVALID',
      `weighting state: it is '${state.weighting}' version ${state.version}, and this run weights with '${name}' version ${version}; continue with the weighting it was trained with`,
    );
  }
  if (state.data.terms !== terms) {
    throw new QuadrantError('ARTEFACT_INVALID', `weighting state: it weights ${String(state.data.terms)} terms, and this run has ${terms}`);
  }
  return state.data;
}

/** A list of numbers from a saved state's field, refused when it is not one of `length` finite numbers. */
export function numbersOf(data: WeightingStateV1['data'], field: string, length: number): number[] {
  const value = data[field];
  if (!Array.isArray(value) || value.length !== length || !value.every((each) => typeof each === 'number' && Number.isFinite(each))) {
    throw new QuadrantError('ARTEFACT_INVALID', `weighting state: data.${field} is not a list of ${length} finite numbers`);
  }
  return [...(value as number[])];
}
