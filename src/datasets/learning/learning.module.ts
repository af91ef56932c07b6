import { defineDatasetModule } from '../../shared/modules';
import { LEARNING_SDMX } from './learning.dataflows';
import { Completion } from './completion.entity';
import { Course } from './course.entity';
import { Enrolment } from './enrolment.entity';
import { LEARNING, LEARNING_COVERAGE, LEARNING_OFFERINGS } from './learning.facts';
import { LEARNING_GENERATOR } from './learning.generator';
import { COURSES_IMPORTER, ENROLMENTS_IMPORTER, OFFERINGS_IMPORTER } from './learning.importers';
import { LEARNING_INDICATORS } from './learning.indicators';
import { LearningCatalogueResolver } from './learning.resolver';
import { Offering } from './offering.entity';

/**
 * Learning and development: the course catalogue, the sessions offered each year and the staff
 * enrolments, joined to staffing (every enrolment is a staff-year's; coverage is a share of the
 * workforce). Enrolments are never served as rows; their aggregates are protected like staffing.
 */
export const LEARNING_AND_DEVELOPMENT = defineDatasetModule({
  name: 'learning',
  description:
    'Learning and development: courses by programme, sessions offered, staff enrolments and completions, and coverage of the workforce.',
  entities: [Course, Offering, Enrolment, Completion],
  facts: [LEARNING, LEARNING_OFFERINGS, LEARNING_COVERAGE],
  resolvers: [LearningCatalogueResolver],
  importers: [COURSES_IMPORTER, OFFERINGS_IMPORTER, ENROLMENTS_IMPORTER],
  generator: LEARNING_GENERATOR,
  sdmx: LEARNING_SDMX,
  indicators: LEARNING_INDICATORS,
});
