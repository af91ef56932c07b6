import { csv, type DatasetImporter } from '../../shared/import';
import { Answer } from './answer.entity';
import {
  DutyStationType,
  GradeBand,
  RespondentAgeBand,
  RespondentGender,
} from './engagement.enums';
import { rebuildRollups, streamRollups } from './engagement.rollup';
import { Question } from './question.entity';
import { Respondent } from './respondent.entity';
import { Wave } from './wave.entity';

const wave = () => csv.int(2000, 2100);
/** A wave column of the questions, respondents and answers: the wave must be imported first. */
const waveOf = {
  property: 'wave',
  schema: wave(),
  description: 'Wave (year)',
  example: '2021',
} as const;

export const WAVES_IMPORTER: DatasetImporter<Wave> = {
  name: 'engagement-waves',
  description: 'Staff engagement survey: one row per wave.',
  target: Wave,
  key: ['year'],
  columns: {
    year: { property: 'year', schema: wave(), description: 'Year of the wave', example: '2021' },
    invited: {
      property: 'invited',
      schema: csv.int(0, 10_000_000),
      description: 'Staff invited to take part',
      example: '36000',
    },
  },
};

export const QUESTIONS_IMPORTER: DatasetImporter<Question> = {
  name: 'engagement-questions',
  description: 'Staff engagement survey: the questions of each wave (1-5 scale, 4-5 favourable).',
  target: Question,
  key: ['wave', 'code'],
  partition: 'wave',
  columns: {
    wave: waveOf,
    code: {
      property: 'code',
      schema: csv.code(16),
      description: 'Question code, stable across waves',
      example: 'PM-FAIRNESS',
    },
    text: {
      property: 'text',
      schema: csv.string(255),
      description: 'Question text',
      example: 'Overall, the performance appraisal process is fair.',
    },
    dimension: {
      property: 'dimension',
      schema: csv.code(48),
      description: 'Dimension (index) the question belongs to',
      example: 'performance-management',
    },
  },
  afterLoad: rebuildRollups,
};

export const RESPONDENTS_IMPORTER: DatasetImporter<Respondent> = {
  name: 'engagement-respondents',
  description:
    'Staff engagement survey: one row per respondent and wave, with the characteristics asked (anonymous).',
  target: Respondent,
  key: ['wave', 'respondentId'],
  recordKey: 'recordKey',
  partition: 'wave',
  columns: {
    wave: waveOf,
    respondent_id: {
      property: 'respondentId',
      schema: csv.code(16),
      description: "The survey's respondent id (not a staff id)",
      example: 'R2021-000123',
    },
    entity_code: {
      property: 'entityCode',
      schema: csv.code(32),
      description: 'Entity code',
      example: 'OCHA',
    },
    grade_band: {
      property: 'gradeBand',
      schema: csv.enumOf(Object.values(GradeBand)),
      description: 'SENIOR, PROFESSIONAL, FIELD_SERVICE, NATIONAL_PROFESSIONAL or GENERAL_SERVICE',
      example: 'PROFESSIONAL',
    },
    gender: {
      property: 'gender',
      schema: csv.enumOf(Object.values(RespondentGender)),
      description: 'FEMALE, MALE or NOT_DISCLOSED',
      example: 'FEMALE',
    },
    age_band: {
      property: 'ageBand',
      schema: csv.enumOf(Object.values(RespondentAgeBand)),
      description: 'UNDER_30, AGE_30_39, AGE_40_49, AGE_50_59 or AGE_60_PLUS',
      example: 'AGE_40_49',
    },
    disability: {
      property: 'disability',
      schema: csv.optional(csv.bool()),
      description: 'Self-identifies with a disability; empty where the wave did not ask',
      example: 'false',
    },
    duty_station_type: {
      property: 'dutyStationType',
      schema: csv.enumOf(Object.values(DutyStationType)),
      description: 'HEADQUARTERS, OFFICE_AWAY_FROM_HEADQUARTERS or FIELD',
      example: 'FIELD',
    },
  },
  afterLoad: rebuildRollups,
};

/**
 * Answers, in long form. A file holds whole waves: importing it replaces all the answers of each
 * wave it contains and rebuilds that wave's rollups, in one transaction.
 */
export const ANSWERS_IMPORTER: DatasetImporter<Answer> = {
  name: 'engagement-answers',
  description:
    'Staff engagement survey: one row per answer (1-5); a file replaces the answers of the waves it holds.',
  target: Answer,
  key: ['wave', 'respondentId', 'questionCode'],
  partition: 'wave',
  replacesPartitions: true,
  columns: {
    wave: waveOf,
    respondent_id: {
      property: 'respondentId',
      schema: csv.code(16),
      description: 'Respondent id (from engagement-respondents)',
      example: 'R2021-000123',
    },
    question_code: {
      property: 'questionCode',
      schema: csv.code(16),
      description: 'Question code (from engagement-questions)',
      example: 'PM-FAIRNESS',
    },
    value: {
      property: 'value',
      schema: csv.int(1, 5),
      description: 'Answer on the 1-5 scale',
      example: '4',
    },
  },
  derive: streamRollups,
};
