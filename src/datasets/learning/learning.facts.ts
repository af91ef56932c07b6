import {
  column,
  entityDimensions,
  enumType,
  gradeDimensions,
  INT,
  yearDimension,
} from '../../dimensions';
import {
  type JoinDefinition,
  defineFact,
  type CountDefinition,
  type MeasureDefinition,
  count,
  share,
} from '../../shared/facts';
import { Gender, StaffYear, WORKFORCE } from '../staffing';
import { columnsOf, tableOf } from '../../db/entity-tables';
import { Completion } from './completion.entity';
import { Course } from './course.entity';
import { Enrolment } from './enrolment.entity';
import { Offering } from './offering.entity';
import { Delivery, OfficialLanguage, Programme, PROGRAMME_FIELD } from './learning.enums';

const enrolment = columnsOf(Enrolment);
const offering = columnsOf(Offering);
const course = columnsOf(Course, 'lc');

/**
 * Dimensions of the course catalogue, shared by enrolments and offerings: the fact's course code
 * and the course, joined once for the others.
 */
const courseDimensions = (courseCode: string) => {
  const join: JoinDefinition = {
    table: tableOf(Course),
    alias: 'lc',
    on: `${course.code} = ${courseCode}`,
  };
  return {
    COURSE: column(courseCode, {
      field: 'courseCode',
      description: 'Course code',
      filter: 'courseCodes',
    }),
    PROGRAMME: column(course.programme, {
      field: 'programme',
      description: 'Learning programme of the course',
      type: enumType(Programme),
      filter: 'programmes',
      join,
    }),
    COURSE_LANGUAGE: column(course.language, {
      field: 'courseLanguage',
      description: 'Official language taught (language courses; null otherwise)',
      type: enumType(OfficialLanguage),
      filter: 'courseLanguages',
      join,
    }),
    COURSE_LEVEL: column(course.level, {
      field: 'courseLevel',
      description: 'UN Language Framework level 1-4 (language courses; null otherwise)',
      type: INT,
      filter: 'courseLevels',
      join,
    }),
    DELIVERY: column(course.delivery, {
      field: 'delivery',
      description: 'Online, in person or blended',
      type: enumType(Delivery),
      filter: 'deliveries',
      join,
    }),
  };
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
  entity: Enrolment,
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: 5,
  unitCount: 'enrolments',
  nestedUnder: ['ENTITY'],
  // Rows at scale 1 (339,000 enrolments): 585 and 17,346.
  preAggregations: {
    summaries: [
      ['YEAR', 'ENTITY'],
      ['YEAR', 'ENTITY', 'GRADE', 'GENDER'],
    ],
  },
  dimensions: {
    ...yearDimension(() => enrolment.year, 'Year the enrolment started'),
    ...courseDimensions(enrolment.courseCode),
    ...entityDimensions(enrolment.entityCode),
    ...gradeDimensions(enrolment.gradeCode),
    GENDER: column(enrolment.gender, {
      field: 'gender',
      description: "The staff member's gender",
      type: enumType(Gender),
      filter: 'genders',
    }),
  },
  counts: {
    enrolments: {},
    completions: { where: () => `${enrolment.status} = 'COMPLETED'` },
    certified: { where: () => enrolment.certified },
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
  entity: Offering,
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  threshold: 0,
  published: 'The learning catalogue of the Secretariat: course offerings are not personal data.',
  unitCount: 'offerings',
  dimensions: {
    ...yearDimension(() => offering.year, 'Year offered'),
    ...courseDimensions(offering.courseCode),
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
const staff = columnsOf(StaffYear);
const completion = columnsOf(Completion, 'lcp');
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
  entity: StaffYear,
  reads: [Completion],
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
            `EXISTS (SELECT 1 FROM ${tableOf(Completion)} lcp WHERE ${completion.programme} = '${programme}' ` +
            `AND ${completion.staffId} = ${staff.staffId} AND ${completion.firstYear} <= ${staff.year})`,
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
