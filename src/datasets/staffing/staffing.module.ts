import { entityLinkResolver } from '../../dimensions';
import { defineDatasetModule } from '../../shared/modules';
import { STAFFING_SDMX } from './staffing.dataflows';
import { JobOpening } from './job-opening.entity';
import { RECRUITMENT } from './recruitment.fact';
import { StaffYear } from './staff-year.entity';
import { STAFFING_GENERATOR } from './staffing.generator';
import { JOB_OPENINGS_IMPORTER, STAFF_YEARS_IMPORTER } from './staffing.importers';
import { STAFFING_INDICATORS } from './staffing.indicators';
import { JOB_OPENINGS, STAFF_RECORDS } from './staffing.row-lists';
import { WORKFORCE } from './workforce.fact';

/** Staff-year snapshots and recruitment (job openings with the date of each stage). */
export const STAFFING = defineDatasetModule({
  name: 'staffing',
  description:
    'Staff at 31 December of each year (pseudonymous staff-year records) and recruitment (job openings by stage).',
  entities: [StaffYear, JobOpening],
  facts: [WORKFORCE, RECRUITMENT],
  rowLists: [STAFF_RECORDS, JOB_OPENINGS],
  resolvers: [entityLinkResolver(StaffYear), entityLinkResolver(JobOpening)],
  importers: [STAFF_YEARS_IMPORTER, JOB_OPENINGS_IMPORTER],
  generator: STAFFING_GENERATOR,
  sdmx: STAFFING_SDMX,
  indicators: STAFFING_INDICATORS,
});
