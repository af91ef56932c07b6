import type { Dialect } from '../../db/dialect';
import type {
  DimensionDefinition,
  FactDefinition,
  MeasureDefinition,
} from '../../shared/aggregation/aggregate.definition';
import { ratio, total } from '../../shared/aggregation/measures';

export enum RecruitmentDimension {
  YEAR = 'YEAR',
  ENTITY = 'ENTITY',
  ENTITY_KIND = 'ENTITY_KIND',
  DUTY_STATION = 'DUTY_STATION',
  GRADE = 'GRADE',
  GRADE_CATEGORY = 'GRADE_CATEGORY',
  ROSTER_BASED = 'ROSTER_BASED',
  SELECTED_GENDER = 'SELECTED_GENDER',
}

const column = (
  sql: string,
  field: string,
  type: DimensionDefinition['type'] = 'string',
): DimensionDefinition => ({
  field,
  type,
  sql: () => sql,
});

/** Recruitment stages in order; the time between consecutive ones is a measure of its own. */
const STAGES = [
  ['posted_on', 'deadline_on', 'PostingToDeadline'],
  ['deadline_on', 'assessed_on', 'DeadlineToAssessment'],
  ['assessed_on', 'interviewed_on', 'AssessmentToInterview'],
  ['interviewed_on', 'endorsed_on', 'InterviewToEndorsement'],
  ['endorsed_on', 'selected_on', 'EndorsementToSelection'],
] as const;

const stageAggregates: Record<string, (d: Dialect) => string> = {};
const stageMeasures: Record<string, MeasureDefinition> = {};
for (const [from, to, name] of STAGES) {
  stageAggregates[`days${name}`] = (d) =>
    `SUM(CASE WHEN f.${from} IS NOT NULL AND f.${to} IS NOT NULL THEN ${d.daysBetween(`f.${from}`, `f.${to}`)} ELSE 0 END)`;
  stageAggregates[`n${name}`] = () =>
    `SUM(CASE WHEN f.${from} IS NOT NULL AND f.${to} IS NOT NULL THEN 1 ELSE 0 END)`;
  stageMeasures[`averageDays${name}`] = {
    description: `Mean days from ${from.replace('_on', '')} to ${to.replace('_on', '')}, where both are recorded.`,
    compute: ratio(`days${name}`, `n${name}`),
  };
}

/**
 * Completed recruitments, by year of selection: a flow, so it sums across years. Time to recruit
 * is measured from posting of the job opening to selection, as in the report (A/77/590/Add.1).
 */
export const RECRUITMENT: FactDefinition<RecruitmentDimension> = {
  name: 'recruitment',
  table: 'fact_job_opening',
  kind: 'flow',
  periodDimension: RecruitmentDimension.YEAR,
  entityColumn: 'f.entity_code',
  minCellSize: 3,
  unitCount: 'recruitments',
  baseWhere: () => 'f.selected_on IS NOT NULL',
  dimensions: {
    YEAR: { field: 'year', type: 'int', sql: (d) => d.yearOf('f.selected_on') },
    ENTITY: column('f.entity_code', 'entityCode'),
    ENTITY_KIND: {
      ...column('e.kind', 'entityKind'),
      join: { table: 'dim_entity', alias: 'e', on: 'e.code = f.entity_code' },
    },
    DUTY_STATION: column('f.duty_station_code', 'dutyStationCode'),
    GRADE: column('f.grade_code', 'gradeCode'),
    GRADE_CATEGORY: {
      ...column('g.category', 'gradeCategory'),
      join: { table: 'dim_grade', alias: 'g', on: 'g.code = f.grade_code' },
    },
    ROSTER_BASED: column('f.roster_based', 'rosterBased', 'boolean'),
    SELECTED_GENDER: column('f.selected_gender', 'selectedGender'),
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
      description: 'Job openings filled (selection made) in the period.',
      compute: total('recruitments'),
    },
    averageDaysToRecruit: {
      description: 'Mean days from posting of the job opening to selection.',
      compute: ratio('daysToRecruit', 'recruitments'),
    },
    applicants: { description: 'Applications received.', compute: total('applicants') },
    applicantsPerOpening: {
      description: 'Mean applications per job opening.',
      compute: ratio('applicants', 'recruitments'),
    },
    womenApplicantShare: {
      description: 'Women as a percentage of applicants.',
      compute: ratio('applicantsWomen', 'applicants', 100),
    },
    rosterShare: {
      description: 'Percentage of selections made from rosters.',
      compute: ratio('roster', 'recruitments', 100),
    },
    womenSelectedShare: {
      description: 'Women as a percentage of selected candidates.',
      compute: ratio('selectedWomen', 'recruitments', 100),
    },
    ...stageMeasures,
  },
};
