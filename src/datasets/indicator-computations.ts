import type { IndicatorComputation } from '../shared/indicators/indicator-computation';
import { REPRESENTATION_INDICATORS } from './representation/representation.indicators';
import { STAFFING_INDICATORS } from './staffing/staffing.indicators';

/** Every indicator a dataset can compute; a new dataset appends its own list here. */
export const INDICATOR_COMPUTATIONS: ReadonlyMap<string, IndicatorComputation> = new Map(
  [...STAFFING_INDICATORS, ...REPRESENTATION_INDICATORS].map((computation) => [
    computation.indicatorCode,
    computation,
  ]),
);
