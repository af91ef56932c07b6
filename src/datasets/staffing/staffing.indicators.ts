import { EntityKind, GradeCategory } from '../../dimensions';
import { inList } from '../../shared/aggregation';
import { measureByYear, type IndicatorComputation } from '../../shared/indicators';
import { RECRUITMENT } from './recruitment.fact';
import { WORKFORCE } from './workforce.fact';

/** Published indicators the staffing data can compute (all years of one indicator: one GROUP BY). */
export const STAFFING_INDICATORS: readonly IndicatorComputation[] = [
  {
    indicatorCode: 'women-share-p-fs',
    method:
      'workforce.womenShare at 31 December, filter gradeCategories [PROFESSIONAL_AND_HIGHER, FIELD_SERVICE]',
    tolerance: 0.3,
    compute: measureByYear(
      WORKFORCE,
      inList('GRADE_CATEGORY', [
        GradeCategory.PROFESSIONAL_AND_HIGHER,
        GradeCategory.FIELD_SERVICE,
      ]),
      'womenShare',
    ),
  },
  {
    indicatorCode: 'time-to-recruit-days',
    method: 'recruitment.averageDaysToRecruit (posting to selection), by year of selection',
    tolerance: 2,
    compute: measureByYear(RECRUITMENT, [], 'averageDaysToRecruit'),
  },
  {
    indicatorCode: 'women-share-applicants-peace-operations',
    method:
      'recruitment.womenApplicantShare, filter entityKinds [PEACEKEEPING_OPERATION, SPECIAL_POLITICAL_MISSION], by year of selection',
    tolerance: 0.5,
    compute: measureByYear(
      RECRUITMENT,
      inList('ENTITY_KIND', [
        EntityKind.PEACEKEEPING_OPERATION,
        EntityKind.SPECIAL_POLITICAL_MISSION,
      ]),
      'womenApplicantShare',
    ),
  },
];
