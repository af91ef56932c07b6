import { inList } from '../../shared/aggregation';
import {
  cumulativeTo,
  measureByYear,
  totalOverYears,
  type IndicatorComputation,
} from '../../shared/indicators';
import { Delivery, Programme } from './learning.enums';
import { LEARNING, LEARNING_OFFERINGS } from './learning.facts';

const courses = (...codes: string[]) => inList('COURSE', codes);

/** A learning measure by year and, for a span, as one cell over its years. */
const byYearAndSpan = (
  where: ReturnType<typeof courses>,
  measure: 'enrolments' | 'completions' | 'certified',
): Pick<IndicatorComputation, 'compute' | 'computeSpan'> => ({
  compute: measureByYear(LEARNING, where, measure),
  computeSpan: totalOverYears(LEARNING, where, measure),
});
const language = inList('PROGRAMME', [Programme.LANGUAGE]);

/**
 * The learning figures of the report the data can compute. Course sessions are published
 * figures (exact for everyone); enrolment counts are perturbed for the public and analysts by at
 * most 2 per cell: the tolerance. Spans ("to date", "2019-2022") are one cell over the years.
 */
export const LEARNING_INDICATORS: readonly IndicatorComputation[] = [
  {
    indicatorCode: 'online-language-courses',
    method: 'learningOfferings.coursesOffered, programme LANGUAGE, delivery ONLINE, by year',
    tolerance: 0,
    compute: measureByYear(
      LEARNING_OFFERINGS,
      [...language, ...inList('DELIVERY', [Delivery.ONLINE])],
      'coursesOffered',
    ),
  },
  {
    indicatorCode: 'language-courses-total',
    method:
      'learningOfferings.coursesOffered, programme LANGUAGE, by year (a month period such as 2022-08 is not computed)',
    tolerance: 0,
    compute: measureByYear(LEARNING_OFFERINGS, language, 'coursesOffered'),
  },
  {
    indicatorCode: 'management-leadership-programmes-beneficiaries',
    method:
      'learning.completions of the three programmes launched in 2019-2020 (LDR-MDP, LDR-UNLF, LDR-WOMEN) over the span',
    tolerance: 2,
    ...byYearAndSpan(courses('LDR-MDP', 'LDR-UNLF', 'LDR-WOMEN'), 'completions'),
  },
  {
    indicatorCode: 'senior-leadership-course-participants-d1-d2',
    method: 'learning.enrolments in LDR-D1D2 (with UNSSC), by year',
    tolerance: 2,
    compute: measureByYear(LEARNING, courses('LDR-D1D2'), 'enrolments'),
  },
  {
    indicatorCode: 'senior-leadership-onboarding-beneficiaries',
    method: 'learning.completions of ONB-SENIOR over the span',
    tolerance: 2,
    ...byYearAndSpan(courses('ONB-SENIOR'), 'completions'),
  },
  {
    indicatorCode: 'executive-programme-certified-senior-leaders',
    method: 'learning.certified in LDR-EXEC, every year up to the one given (cumulative)',
    tolerance: 2,
    compute: cumulativeTo(LEARNING, courses('LDR-EXEC'), 'certified'),
  },
  {
    indicatorCode: 'resilience-programme-trained-professionals',
    method: 'learning.completions of WB-RES-TTT over the span',
    tolerance: 2,
    ...byYearAndSpan(courses('WB-RES-TTT'), 'completions'),
  },
  {
    indicatorCode: 'resilience-programme-end-users',
    method: 'learning.enrolments in WB-RES over the span',
    tolerance: 2,
    ...byYearAndSpan(courses('WB-RES'), 'enrolments'),
  },
  {
    indicatorCode: 'well-being-blended-training-staff',
    method: 'learning.completions of WB-RES-BL, every year up to the one given (cumulative)',
    tolerance: 2,
    compute: cumulativeTo(LEARNING, courses('WB-RES-BL'), 'completions'),
  },
  {
    indicatorCode: 'well-being-capacity-building-participants',
    method: 'learning.enrolments in WB-CAP over the span',
    tolerance: 2,
    ...byYearAndSpan(courses('WB-CAP'), 'enrolments'),
  },
];
