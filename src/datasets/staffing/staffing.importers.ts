import { csv, type DatasetImporter, type RowIssue } from '../../shared/import';
import { JobOpening } from './job-opening.entity';
import { ContractType, Gender, StaffYear } from './staff-year.entity';

const GENDERS = Object.values(Gender);

export const STAFF_YEARS_IMPORTER: DatasetImporter<StaffYear> = {
  name: 'staff-years',
  description: 'Staffing: one row per staff member and year, as at 31 December.',
  target: StaffYear,
  key: ['staffId', 'year'],
  recordKey: 'recordKey',
  columns: {
    staff_id: {
      property: 'staffId',
      schema: csv.code(16),
      description: 'Pseudonymous staff id, stable across years',
      example: 'S0001234',
    },
    year: {
      property: 'year',
      schema: csv.int(1946, 2100),
      description: 'Snapshot year (31 December)',
      example: '2021',
    },
    entity_code: {
      property: 'entityCode',
      schema: csv.code(32),
      description: 'Entity code',
      example: 'DESA',
    },
    duty_station_code: {
      property: 'dutyStationCode',
      schema: csv.code(48),
      description: 'Duty station code',
      example: 'NEW_YORK',
    },
    grade_code: {
      property: 'gradeCode',
      schema: csv.code(8),
      description: 'Grade code',
      example: 'P-4',
    },
    gender: {
      property: 'gender',
      schema: csv.enumOf(GENDERS),
      description: 'F or M',
      example: 'F',
    },
    nationality_iso3: {
      property: 'nationalityIso3',
      schema: csv.iso3(),
      description: 'Nationality (ISO3)',
      example: 'KEN',
    },
    birth_year: {
      property: 'birthYear',
      schema: csv.int(1900, 2100),
      description: 'Year of birth',
      example: '1980',
    },
    contract_type: {
      property: 'contractType',
      schema: csv.enumOf(Object.values(ContractType)),
      description: 'PERMANENT, CONTINUING, FIXED_TERM or TEMPORARY',
      example: 'FIXED_TERM',
    },
    geographical: {
      property: 'geographical',
      schema: csv.bool(),
      description: 'In a post subject to geographical distribution',
      example: 'true',
    },
    ypp: {
      property: 'ypp',
      schema: csv.bool(),
      description: 'Recruited through the Young Professionals Programme',
      example: 'false',
    },
  },
  async check(_db, rows) {
    const issues: RowIssue[] = [];
    for (const { line, value } of rows) {
      const age = value.year - value.birthYear;
      if (age < 16 || age > 80)
        issues.push({
          line,
          column: 'birth_year',
          message: `gives an age of ${age} in ${value.year}`,
        });
    }
    return issues;
  },
};

const optionalDate = csv.optional(csv.date());

export const JOB_OPENINGS_IMPORTER: DatasetImporter<JobOpening> = {
  name: 'job-openings',
  description: 'Recruitment: one row per job opening, with the date of each stage.',
  target: JobOpening,
  key: ['jobOpeningId'],
  recordKey: 'recordKey',
  columns: {
    job_opening_id: {
      property: 'jobOpeningId',
      schema: csv.code(24),
      description: 'Job opening number',
      example: 'JO-2019-000123',
    },
    entity_code: {
      property: 'entityCode',
      schema: csv.code(32),
      description: 'Entity code',
      example: 'OCHA',
    },
    grade_code: {
      property: 'gradeCode',
      schema: csv.code(8),
      description: 'Grade code',
      example: 'P-3',
    },
    duty_station_code: {
      property: 'dutyStationCode',
      schema: csv.code(48),
      description: 'Duty station code',
      example: 'GENEVA',
    },
    posted_on: {
      property: 'postedOn',
      schema: csv.date(),
      description: 'Posting date',
      example: '2019-02-01',
    },
    deadline_on: {
      property: 'deadlineOn',
      schema: csv.date(),
      description: 'Application deadline',
      example: '2019-03-03',
    },
    assessed_on: {
      property: 'assessedOn',
      schema: optionalDate,
      description: 'Assessments completed (optional)',
      example: '2019-04-10',
    },
    interviewed_on: {
      property: 'interviewedOn',
      schema: optionalDate,
      description: 'Interviews completed (optional)',
      example: '2019-05-02',
    },
    endorsed_on: {
      property: 'endorsedOn',
      schema: optionalDate,
      description: 'Central review body endorsement (optional)',
      example: '2019-06-01',
    },
    selected_on: {
      property: 'selectedOn',
      schema: optionalDate,
      description: 'Selection (empty while open)',
      example: '2019-06-15',
    },
    applicants_total: {
      property: 'applicantsTotal',
      schema: csv.int(0, 1_000_000),
      description: 'Applications received',
      example: '240',
    },
    applicants_women: {
      property: 'applicantsWomen',
      schema: csv.int(0, 1_000_000),
      description: 'Of which from women',
      example: '96',
    },
    roster_based: {
      property: 'rosterBased',
      schema: csv.bool(),
      description: 'Selection from a roster',
      example: 'false',
    },
    selected_gender: {
      property: 'selectedGender',
      schema: csv.optional(csv.enumOf(GENDERS)),
      description: 'F or M; empty while open',
      example: 'F',
    },
  },
  async check(_db, rows) {
    const issues: RowIssue[] = [];
    const stages = [
      ['posted_on', 'postedOn'],
      ['deadline_on', 'deadlineOn'],
      ['assessed_on', 'assessedOn'],
      ['interviewed_on', 'interviewedOn'],
      ['endorsed_on', 'endorsedOn'],
      ['selected_on', 'selectedOn'],
    ] as const;
    for (const { line, value } of rows) {
      let previous: { column: string; date: string } | null = null;
      for (const [column, property] of stages) {
        const date = value[property];
        if (!date) continue;
        if (previous && date < previous.date) {
          issues.push({ line, column, message: `is before ${previous.column} (${previous.date})` });
        }
        previous = { column, date };
      }
      if (value.applicantsWomen > value.applicantsTotal) {
        issues.push({ line, column: 'applicants_women', message: 'is more than applicants_total' });
      }
      if ((value.selectedOn === null) !== (value.selectedGender === null)) {
        issues.push({
          line,
          column: 'selected_gender',
          message: 'must be given exactly when selected_on is',
        });
      }
    }
    return issues;
  },
};
