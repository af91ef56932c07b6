import { Role } from '../../shared/auth';
import { defineRowList } from '../../shared/facts';
import { JobOpening } from './job-opening.entity';
import { RECRUITMENT } from './recruitment.fact';
import { StaffYear } from './staff-year.entity';
import { WORKFORCE } from './workforce.fact';

// Rows are personal data (a job opening names the selected candidate's gender): hr only, within
// the token's entity scope. Aggregates are open to every role, protected by disclosure control.

export const STAFF_RECORDS = defineRowList({
  name: 'staffRecords',
  typeName: 'StaffYear',
  description:
    'Staff-year records (role HR; limited to the token entity scope). Ordered by year, staff id.',
  entity: StaffYear,
  fact: WORKFORCE,
  order: ['year', 'staffId'],
  roles: [Role.HR],
});

export const JOB_OPENINGS = defineRowList({
  name: 'jobOpenings',
  typeName: 'JobOpening',
  description:
    'Job openings, open and filled (role HR; limited to the token entity scope). `years` filters on the year of selection.',
  entity: JobOpening,
  fact: RECRUITMENT,
  includesExcluded: true,
  order: ['jobOpeningId'],
  roles: [Role.HR],
});
