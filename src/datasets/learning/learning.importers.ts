import type { EntityManager } from 'typeorm';
import {
  csv,
  enumValues,
  type DatasetImporter,
  type RowIssue,
  endDateIssues,
} from '../../shared/import';
import { Course } from './course.entity';
import { Enrolment } from './enrolment.entity';
import { Delivery, EnrolmentStatus, OfficialLanguage, Programme } from './learning.enums';
import { Offering } from './offering.entity';

/**
 * Rebuilds `lrn_completion` from the stored enrolments and courses: the first year each staff
 * member completed a course of each programme. One statement each, in the load's transaction.
 */
async function rebuildCompletions(db: EntityManager): Promise<void> {
  await db.query('DELETE FROM lrn_completion');
  await db.query(
    'INSERT INTO lrn_completion (staff_id, programme, first_year) ' +
      'SELECT e.staff_id, c.programme, MIN(e.year) FROM lrn_enrolment e ' +
      "JOIN lrn_course c ON c.code = e.course_code WHERE e.status = 'COMPLETED' " +
      'GROUP BY e.staff_id, c.programme',
  );
}

export const COURSES_IMPORTER: DatasetImporter<Course> = {
  name: 'learning-courses',
  description: 'Learning: the course catalogue, one row per course.',
  target: Course,
  key: ['code'],
  columns: {
    code: {
      property: 'code',
      schema: csv.code(24),
      description: 'Course code',
      example: 'LNG-FR-2-ONL',
    },
    programme: {
      property: 'programme',
      schema: csv.enumValue(Programme),
      description: enumValues(Programme),
      example: 'LANGUAGE',
    },
    title: {
      property: 'title',
      schema: csv.string(160),
      description: 'Title',
      example: 'French, level 2 (online)',
    },
    language: {
      property: 'language',
      schema: csv.optional(csv.enumValue(OfficialLanguage)),
      description: `${enumValues(OfficialLanguage)}; language courses only`,
      example: 'FRENCH',
    },
    level: {
      property: 'level',
      schema: csv.optional(csv.int(1, 4)),
      description: 'UN Language Framework level 1-4; language courses only',
      example: '2',
    },
    delivery: {
      property: 'delivery',
      schema: csv.enumValue(Delivery),
      description: enumValues(Delivery),
      example: 'ONLINE',
    },
    modules: {
      property: 'modules',
      schema: csv.int(1, 200),
      description: 'Number of modules',
      example: '6',
    },
    certifies: {
      property: 'certifies',
      schema: csv.bool(),
      description: 'Whether completion can lead to a certificate',
      example: 'false',
    },
  },
  async check(_db, rows) {
    const issues: RowIssue[] = [];
    for (const { line, value } of rows) {
      const language = value.programme === Programme.LANGUAGE && value.language !== null;
      if (value.level !== null && !language)
        issues.push({
          line,
          column: 'level',
          message: 'is only for language courses with a language',
        });
      if (value.language !== null && value.programme !== Programme.LANGUAGE)
        issues.push({
          line,
          column: 'language',
          message: 'is only for courses of the LANGUAGE programme',
        });
    }
    return issues;
  },
  // A course's programme decides which programme its completions count for.
  afterLoad: (db) => rebuildCompletions(db),
};

export const OFFERINGS_IMPORTER: DatasetImporter<Offering> = {
  name: 'learning-offerings',
  description: 'Learning: one row per session of a course offered in a year.',
  target: Offering,
  key: ['offeringId'],
  columns: {
    offering_id: {
      property: 'offeringId',
      schema: csv.code(32),
      description: 'Offering reference',
      example: 'O2019-LNG-FR-2-ONL-1',
    },
    course_code: {
      property: 'courseCode',
      schema: csv.code(24),
      description: 'The course (from learning-courses)',
      example: 'LNG-FR-2-ONL',
    },
    year: {
      property: 'year',
      schema: csv.int(1990, 2100),
      description: 'Year offered',
      example: '2019',
    },
    starts_on: {
      property: 'startsOn',
      schema: csv.date(),
      description: 'First day',
      example: '2019-09-16',
    },
  },
  async check(_db, rows) {
    return rows
      .filter(({ value }) => Number(value.startsOn.slice(0, 4)) !== value.year)
      .map(({ line }) => ({ line, column: 'starts_on', message: 'is not in the year given' }));
  },
};

export const ENROLMENTS_IMPORTER: DatasetImporter<Enrolment> = {
  name: 'learning-enrolments',
  description:
    "Learning: one row per staff member's enrolment in a course; the staff member must be in that year's staffing data.",
  target: Enrolment,
  key: ['enrolmentId'],
  recordKey: 'recordKey',
  partition: 'year',
  columns: {
    enrolment_id: {
      property: 'enrolmentId',
      schema: csv.code(32),
      description: 'Enrolment reference',
      example: 'E2021-000042',
    },
    staff_id: {
      property: 'staffId',
      schema: csv.code(16),
      description: 'Pseudonymous staff id, as in staff-years',
      example: 'S0000044',
    },
    year: {
      property: 'year',
      schema: csv.int(1990, 2100),
      description: 'Year the enrolment started (the staff member is in that year’s staff-years)',
      example: '2021',
    },
    course_code: {
      property: 'courseCode',
      schema: csv.code(24),
      description: 'The course (from learning-courses)',
      example: 'MAN-ETHICS',
    },
    enrolled_on: {
      property: 'enrolledOn',
      schema: csv.date(),
      description: 'Date enrolled',
      example: '2021-03-01',
    },
    completed_on: {
      property: 'completedOn',
      schema: csv.optional(csv.date()),
      description: 'Date completed; empty unless COMPLETED',
      example: '2021-03-20',
    },
    status: {
      property: 'status',
      schema: csv.enumValue(EnrolmentStatus),
      description: enumValues(EnrolmentStatus),
      example: 'COMPLETED',
    },
    certified: {
      property: 'certified',
      schema: csv.bool(),
      description: 'Whether a certificate was awarded',
      example: 'false',
    },
  },
  async check(db, rows) {
    const issues: RowIssue[] = [];
    const ids = [...new Set(rows.map((row) => row.value.staffId))];
    const found: { year: number | string; staff_id: string }[] =
      ids.length === 0
        ? []
        : await db
            .createQueryBuilder()
            .select(['s.year AS year', 's.staff_id AS staff_id'])
            .from('fact_staff_year', 's')
            .where('s.staff_id IN (:...ids)', { ids })
            .getRawMany();
    const staffYears = new Set(found.map((r) => `${Number(r.year)}|${r.staff_id}`));
    for (const { line, value } of rows) {
      if (!staffYears.has(`${value.year}|${value.staffId}`)) {
        issues.push({
          line,
          column: 'staff_id',
          message: `${value.staffId} is not in the staffing data for ${value.year}`,
        });
      }
      if (Number(value.enrolledOn.slice(0, 4)) !== value.year)
        issues.push({ line, column: 'enrolled_on', message: 'is not in the year given' });
      const completed = value.status === EnrolmentStatus.COMPLETED;
      issues.push(
        ...endDateIssues(
          line,
          { column: 'completed_on', value: value.completedOn },
          { column: 'enrolled_on', value: value.enrolledOn },
          { is: completed, status: EnrolmentStatus.COMPLETED },
        ),
      );
      if (value.certified && !completed)
        issues.push({
          line,
          column: 'certified',
          message: 'only a completed enrolment is certified',
        });
    }
    return issues;
  },
  /**
   * Copies each enrolment's entity, grade and gender from its staff-year (for the years loaded),
   * then rebuilds the completions. Re-importing a year of staff-years does not update them:
   * re-import that year's enrolments after it.
   */
  async afterLoad(db, years) {
    if (years.size > 0) {
      const from = (column: string) =>
        `(SELECT s.${column} FROM fact_staff_year s WHERE s.year = lrn_enrolment.year AND s.staff_id = lrn_enrolment.staff_id)`;
      await db
        .createQueryBuilder()
        .update(Enrolment)
        .set({
          entityCode: () => from('entity_code'),
          gradeCode: () => from('grade_code'),
          gender: () => from('gender'),
        })
        .where('year IN (:...years)', { years: [...years] })
        .execute();
    }
    await rebuildCompletions(db);
  },
};
