import { meanPerYear, measureByYear, type IndicatorComputation } from '../../shared/indicators';
import { CONDUCT, DISCIPLINARY_MEASURES } from './conduct.facts';

/**
 * The conduct figures of para 33. Counts are perturbed for every role but conduct, by at most
 * 2; a yearly average over a span is one perturbed cell over the years divided by their number:
 * the tolerance.
 */
export const CONDUCT_INDICATORS: readonly IndicatorComputation[] = [
  {
    indicatorCode: 'misconduct-cases-received-annual-average',
    method:
      'conduct.received by year received: over a span, the cases received in it divided by its years',
    tolerance: 2,
    compute: measureByYear(CONDUCT, [], 'received'),
    computeSpan: meanPerYear(CONDUCT, [], 'received'),
  },
  {
    indicatorCode: 'misconduct-cases-closed-annual-average',
    method:
      'conduct.closed (of the cases received, those closed) by year received: over a span, divided by its years',
    tolerance: 2,
    compute: measureByYear(CONDUCT, [], 'closed'),
    computeSpan: meanPerYear(CONDUCT, [], 'closed'),
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
