import {
  column,
  entityDimensions,
  enumType,
  gradeDimensions,
  INT,
  yearDimension,
} from '../../dimensions';
import type { JoinDefinition } from '../../shared/aggregation/aggregate.definition';
import {
  defineFact,
  type CountDefinition,
  type MeasureDefinition,
} from '../../shared/aggregation/aggregate.definition';
import { count, share } from '../../shared/aggregation/measures';
import { Gender, WORKFORCE } from '../staffing';
import { Delivery, OfficialLanguage, Programme, PROGRAMME_FIELD } from './learning.enums';

/** The course of an enrolment or offering, joined once for the course dimensions. */
const COURSE_JOIN: JoinDefinition = {
  table: 'lrn_course',
  alias: 'lc',
  on: 'lc.code = f.course_code',
};

/** Dimensions of the course catalogue, shared by enrolments and offerings. */
const COURSE_DIMENSIONS = {
  COURSE: column('f.course_code', {
    field: 'courseCode',
    description: 'Course code',
    filter: 'courseCodes',
  }),
  PROGRAMME: column('lc.programme', {
    field: 'programme',
    description: 'Learning programme of the course',
    type: enumType(Programme),
    filter: 'programmes',
    join: COURSE_JOIN,
  }),
  COURSE_LANGUAGE: column('lc.language', {
    field: 'courseLanguage',
    description: 'Official language taught (language courses; null otherwise)',
    type: enumType(OfficialLanguage),
    filter: 'courseLanguages',
    join: COURSE_JOIN,
  }),
  COURSE_LEVEL: column('lc.level', {
    field: 'courseLevel',
    description: 'UN Language Framework level 1-4 (language courses; null otherwise)',
    type: INT,
    filter: 'courseLevels',
    join: COURSE_JOIN,
  }),
  DELIVERY: column('lc.delivery', {
    field: 'delivery',
    description: 'Online, in person or blended',
    type: enumType(Delivery),
    filter: 'deliveries',
    join: COURSE_JOIN,
  }),
};

/**
 * Enrolments of staff in courses, by year started: enrolments, completions, completion rate and
 * certificates, by course and programme and by the staff member's entity, grade and gender (those
 * of the staff-year). Protected like staffing (threshold 5, exact for hr).
 */
export const LEARNING = defineFact({
  name: 'learning',
  typeName: 'Learning',
  description: 'Enrolments of staff in learning courses, by year started.',
  table: 'lrn_enrolment',
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: 5,
  unitCount: 'enrolments',
  nestedUnder: ['ENTITY'],
  // Rows at scale 1 (339,000 enrolments): 585 and 17,346.
  summaries: [
    ['YEAR', 'ENTITY'],
    ['YEAR', 'ENTITY', 'GRADE', 'GENDER'],
  ],
  dimensions: {
    ...yearDimension(() => 'f.year', 'Year the enrolment started'),
    ...COURSE_DIMENSIONS,
    ...entityDimensions('entity_code'),
    ...gradeDimensions('grade_code'),
    GENDER: column('f.gender', {
      field: 'gender',
      description: "The staff member's gender",
      type: enumType(Gender),
      filter: 'genders',
    }),
  },
  counts: {
    enrolments: {},
    completions: { where: () => "f.status = 'COMPLETED'" },
    certified: { where: () => 'f.certified' },
  },
  measures: {
    enrolments: {
      type: 'int',
      description: 'Enrolments started in the period.',
      compute: count('enrolments'),
    },
    completions: {
      type: 'int',
      description: 'Of them, those completed.',
      compute: count('completions'),
    },
    completionRate: {
      type: 'float',
      description: 'Completions as a percentage of enrolments (0-100).',
      compute: share('completions', 'enrolments'),
    },
    certified: {
      type: 'int',
      description: 'Of them, those awarded a certificate.',
      compute: count('certified'),
    },
  },
});

/**
 * Courses offered: sessions of the catalogue's courses by year. Not personal data: published
 * figures, exact for every role and not attributed to entities.
 */
export const LEARNING_OFFERINGS = defineFact({
  name: 'learningOfferings',
  typeName: 'LearningOfferings',
  description: 'Courses offered (sessions of the learning catalogue), by year.',
  table: 'lrn_offering',
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  threshold: 0,
  published: 'The learning catalogue of the Secretariat: course offerings are not personal data.',
  unitCount: 'offerings',
  dimensions: {
    ...yearDimension(() => 'f.year', 'Year offered'),
    ...COURSE_DIMENSIONS,
  },
  counts: { offerings: {} },
  measures: {
    coursesOffered: {
      type: 'int',
      description: 'Course sessions offered in the period.',
      compute: count('offerings'),
    },
  },
});

const programmes = Object.values(Programme);
const completedCount = (programme: Programme) => `completed${programme}`;

/**
 * Learning coverage: staff at 31 December (the workforce stock, with every workforce dimension)
 * and, for each programme, how many of them had completed a course of it by then, with the
 * share. The counts are the staff-years', so `staff` is the workforce headcount cell itself.
 */
export const LEARNING_COVERAGE = defineFact({
  name: 'learningCoverage',
  typeName: 'LearningCoverage',
  description:
    'Staff at 31 December and, per learning programme, those who had completed a course of it by then.',
  table: WORKFORCE.table,
  reads: ['lrn_completion'],
  kind: 'stock',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: WORKFORCE.threshold,
  unitCount: 'staff',
  nestedUnder: ['ENTITY'],
  dimensions: WORKFORCE.dimensions,
  counts: {
    staff: {},
    ...Object.fromEntries(
      programmes.map((programme): [string, CountDefinition] => [
        completedCount(programme),
        {
          where: () =>
            `EXISTS (SELECT 1 FROM lrn_completion lcp WHERE lcp.programme = '${programme}' ` +
            'AND lcp.staff_id = f.staff_id AND lcp.first_year <= f.year)',
        },
      ]),
    ),
  },
  measures: {
    staff: { type: 'int', description: 'Staff at 31 December.', compute: count('staff') },
    ...Object.fromEntries(
      programmes.flatMap((programme): [string, MeasureDefinition][] => [
        [
          `${PROGRAMME_FIELD[programme]}Completed`,
          {
            type: 'int',
            description: `Of them, those who had completed a course of the ${programme} programme by 31 December.`,
            compute: count(completedCount(programme)),
          },
        ],
        [
          `${PROGRAMME_FIELD[programme]}Share`,
          {
            type: 'float',
            description: `Those as a percentage of the staff (0-100): coverage of the ${programme} programme.`,
            compute: share(completedCount(programme), 'staff'),
          },
        ],
      ]),
    ),
  },
});
