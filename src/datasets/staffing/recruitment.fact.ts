import type { Dialect } from '../../db/dialect';
import { columnsOf, type ColumnKey } from '../../db/entity-tables';
import {
  BOOLEAN,
  column,
  dutyStationDimensions,
  entityDimensions,
  enumType,
  gradeDimensions,
  yearOfDateDimension,
} from '../../dimensions';
import {
  defineFact,
  type CountDefinition,
  type MagnitudeDefinition,
  type MeasureDefinition,
  count,
  magnitude,
  magnitudeShare,
  mean,
  rounded,
  share,
} from '../../shared/facts';
import { JobOpening } from './job-opening.entity';
import { Gender } from './staff-year.entity';

/** Recruitment stages in order; the time between consecutive ones is a measure of its own. */
const STAGES = [
  ['postedOn', 'deadlineOn', 'PostingToDeadline'],
  ['deadlineOn', 'assessedOn', 'DeadlineToAssessment'],
  ['assessedOn', 'interviewedOn', 'AssessmentToInterview'],
  ['interviewedOn', 'endorsedOn', 'InterviewToEndorsement'],
  ['endorsedOn', 'selectedOn', 'EndorsementToSelection'],
] as const satisfies readonly (readonly [ColumnKey<JobOpening>, ColumnKey<JobOpening>, string])[];

const f = columnsOf(JobOpening);

type Stage = (typeof STAGES)[number][2];

const both = (from: string, to: string) => () => `${from} IS NOT NULL AND ${to} IS NOT NULL`;
const stageCounts: Record<string, CountDefinition> = {};
const stageMagnitudes: Record<string, MagnitudeDefinition> = {};
const stageMeasures = {} as Record<`averageDays${Stage}`, MeasureDefinition>; // filled just below
for (const [from, to, name] of STAGES) {
  // Whether both dates are recorded says nothing about a person: not a sub-population to protect.
  stageCounts[`n${name}`] = { where: both(f[from], f[to]), unitAttribute: false };
  stageMagnitudes[`days${name}`] = {
    sql: (d: Dialect) => d.daysBetween(f[from], f[to]),
    of: `n${name}`,
    scale: 50,
  };
  stageMeasures[`averageDays${name}`] = {
    type: 'float',
    description: `Mean days from ${from.replace('On', '')} to ${to.replace('On', '')}, where both are recorded.`,
    compute: mean(`days${name}`, `n${name}`),
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
  entity: JobOpening,
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: 5,
  unitCount: 'recruitments',
  baseWhere: () => `${f.selectedOn} IS NOT NULL`,
  nestedUnder: ['ENTITY'],
  preAggregations: {
    summaries: [
      ['YEAR', 'ENTITY'],
      ['YEAR', 'ENTITY', 'GRADE', 'SELECTED_GENDER', 'ROSTER_BASED'],
    ],
  },
  dimensions: {
    ...yearOfDateDimension(f.selectedOn, 'Year of selection'),
    ...entityDimensions(f.entityCode),
    ...dutyStationDimensions(f.dutyStationCode),
    ...gradeDimensions(f.gradeCode),
    ROSTER_BASED: column(f.rosterBased, {
      field: 'rosterBased',
      description: 'Selection from a roster',
      type: BOOLEAN,
      filter: 'rosterBased',
    }),
    SELECTED_GENDER: column(f.selectedGender, {
      field: 'selectedGender',
      description: 'Gender of the selected candidate',
      type: enumType(Gender),
      filter: 'selectedGenders',
    }),
  },
  counts: {
    recruitments: {},
    roster: { where: () => f.rosterBased },
    selectedWomen: { where: () => `${f.selectedGender} = 'F'` },
    ...stageCounts,
  },
  magnitudes: {
    daysToRecruit: {
      sql: (d) => d.daysBetween(f.postedOn, f.selectedOn),
      of: 'recruitments',
      scale: 100,
    },
    applicants: { sql: () => f.applicantsTotal, of: 'recruitments', scale: 100 },
    applicantsWomen: { sql: () => f.applicantsWomen, of: 'recruitments', scale: 50 },
    ...stageMagnitudes,
  },
  measures: {
    recruitments: {
      type: 'int',
      description: 'Job openings filled (selection made) in the period.',
      compute: count('recruitments'),
    },
    averageDaysToRecruit: {
      type: 'float',
      description: 'Mean days from posting of the job opening to selection.',
      compute: mean('daysToRecruit', 'recruitments'),
    },
    applicants: {
      type: 'int',
      description: 'Applications received.',
      compute: rounded(magnitude('applicants')),
    },
    applicantsPerOpening: {
      type: 'float',
      description: 'Mean applications per job opening.',
      compute: mean('applicants', 'recruitments'),
    },
    womenApplicantShare: {
      type: 'float',
      description: 'Women as a percentage of applicants (0-100).',
      compute: magnitudeShare('applicantsWomen', 'applicants'),
    },
    rosterShare: {
      type: 'float',
      description: 'Percentage of selections made from rosters.',
      compute: share('roster', 'recruitments'),
    },
    womenSelectedShare: {
      type: 'float',
      description: 'Women as a percentage of selected candidates.',
      compute: share('selectedWomen', 'recruitments'),
    },
    ...stageMeasures,
  },
});
