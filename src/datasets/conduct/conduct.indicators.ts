import {
  measureByYear,
  type IndicatorComputation,
} from '../../shared/indicators/indicator-computation';
import { CONDUCT, DISCIPLINARY_MEASURES } from './conduct.facts';

/**
 * The conduct figures of para 33. Counts are perturbed for every role but conduct, by at most
 * 2 (and the mean of five yearly counts by at most 2 too): the tolerance.
 */
export const CONDUCT_INDICATORS: readonly IndicatorComputation[] = [
  {
    indicatorCode: 'misconduct-cases-received-annual-average',
    method: 'conduct.received by year received, averaged over the years of the period',
    tolerance: 2,
    compute: measureByYear(CONDUCT, [], 'received'),
    overSpan: 'mean',
  },
  {
    indicatorCode: 'misconduct-cases-closed-annual-average',
    method:
      'conduct.closed (of the cases received in the year, those closed) by year received, averaged over the years of the period',
    tolerance: 2,
    compute: measureByYear(CONDUCT, [], 'closed'),
    overSpan: 'mean',
  },
  {
    indicatorCode: 'disciplinary-measures',
    method: 'disciplinaryMeasures.measures by year imposed',
    tolerance: 2,
    compute: measureByYear(DISCIPLINARY_MEASURES, [], 'measures'),
  },
  {
    indicatorCode: 'dismissal-separation-cases',
    method:
      'disciplinaryMeasures.separations (separation from service or dismissal) by year imposed',
    tolerance: 2,
    compute: measureByYear(DISCIPLINARY_MEASURES, [], 'separations'),
  },
];
