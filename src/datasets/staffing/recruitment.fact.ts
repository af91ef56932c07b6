import type { Dialect } from '../../db/dialect';
import {
  BOOLEAN,
  column,
  dutyStationDimensions,
  entityDimensions,
  enumType,
  gradeDimensions,
  yearDimension,
} from '../../dimensions';
import { defineFact, type MeasureDefinition } from '../../shared/aggregation/aggregate.definition';
import { ratio, total } from '../../shared/aggregation/measures';
import { Gender } from './staff-year.entity';

/** Recruitment stages in order; the time between consecutive ones is a measure of its own. */
const STAGES = [
  ['posted_on', 'deadline_on', 'PostingToDeadline'],
  ['deadline_on', 'assessed_on', 'DeadlineToAssessment'],
  ['assessed_on', 'interviewed_on', 'AssessmentToInterview'],
  ['interviewed_on', 'endorsed_on', 'InterviewToEndorsement'],
  ['endorsed_on', 'selected_on', 'EndorsementToSelection'],
] as const;

type Stage = (typeof STAGES)[number][2];

const stageAggregates: Record<string, (d: Dialect) => string> = {};
const stageMeasures = {} as Record<`averageDays${Stage}`, MeasureDefinition>; // filled just below
for (const [from, to, name] of STAGES) {
  stageAggregates[`days${name}`] = (d) =>
    `SUM(CASE WHEN f.${from} IS NOT NULL AND f.${to} IS NOT NULL THEN ${d.daysBetween(`f.${from}`, `f.${to}`)} ELSE 0 END)`;
  stageAggregates[`n${name}`] = () =>
    `SUM(CASE WHEN f.${from} IS NOT NULL AND f.${to} IS NOT NULL THEN 1 ELSE 0 END)`;
  stageMeasures[`averageDays${name}`] = {
    type: 'float',
    description: `Mean days from ${from.replace('_on', '')} to ${to.replace('_on', '')}, where both are recorded.`,
    compute: ratio(`days${name}`, `n${name}`),
  };
}

/**
 * Completed recruitments, by year of selection: a flow, so it sums across years. Time to recruit
 * is measured from posting of the job opening to selection, as in the report (A/77/590/Add.1).
 */
export const RECRUITMENT = defineFact({
  name: 'recruitment',
  typeName: 'Recruitment',
  description: 'Completed recruitments (job openings with a selection), by year of selection.',
  table: 'fact_job_opening',
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  minCellSize: 3,
  unitCount: 'recruitments',
  baseWhere: () => 'f.selected_on IS NOT NULL',
  nestedUnder: ['ENTITY'],
  dimensions: {
    ...yearDimension((d) => d.yearOf('f.selected_on'), 'Year of selection'),
    ...entityDimensions('entity_code'),
    ...dutyStationDimensions('duty_station_code'),
    ...gradeDimensions('grade_code'),
    ROSTER_BASED: column('f.roster_based', {
      field: 'rosterBased',
      description: 'Selection from a roster',
      type: BOOLEAN,
      filter: 'rosterBased',
    }),
    SELECTED_GENDER: column('f.selected_gender', {
      field: 'selectedGender',
      description: 'Gender of the selected candidate',
      type: enumType(Gender),
      filter: 'selectedGenders',
    }),
  },
  aggregates: {
    recruitments: () => 'COUNT(*)',
    daysToRecruit: (d) => `SUM(${d.daysBetween('f.posted_on', 'f.selected_on')})`,
    applicants: () => 'SUM(f.applicants_total)',
    applicantsWomen: () => 'SUM(f.applicants_women)',
    roster: (d) => `SUM(${d.boolToInt('f.roster_based')})`,
    selectedWomen: () => "SUM(CASE WHEN f.selected_gender = 'F' THEN 1 ELSE 0 END)",
    ...stageAggregates,
  },
  measures: {
    recruitments: {
      type: 'int',
      description: 'Job openings filled (selection made) in the period.',
      compute: total('recruitments'),
    },
    averageDaysToRecruit: {
      type: 'float',
      description: 'Mean days from posting of the job opening to selection.',
      compute: ratio('daysToRecruit', 'recruitments'),
    },
    applicants: {
      type: 'int',
      description: 'Applications received.',
      compute: total('applicants'),
    },
    applicantsPerOpening: {
      type: 'float',
      description: 'Mean applications per job opening.',
      compute: ratio('applicants', 'recruitments'),
    },
    womenApplicantShare: {
      type: 'float',
      description: 'Women as a percentage of applicants (0-100).',
      compute: ratio('applicantsWomen', 'applicants', 100),
    },
    rosterShare: {
      type: 'float',
      description: 'Percentage of selections made from rosters.',
      compute: ratio('roster', 'recruitments', 100),
    },
    womenSelectedShare: {
      type: 'float',
      description: 'Women as a percentage of selected candidates.',
      compute: ratio('selectedWomen', 'recruitments', 100),
    },
    ...stageMeasures,
  },
});
