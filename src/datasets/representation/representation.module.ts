import { defineDatasetModule } from '../../shared/modules';
import { REPRESENTATION_SDMX } from './representation.dataflows';
import { RANGE_STAFF } from './representation.fact';
import { MemberStateInput } from './member-state-input.entity';
import { RangeParameters } from './range-parameters.entity';
import { REPRESENTATION_GENERATOR } from './representation.generator';
import {
  MEMBER_STATE_INPUTS_IMPORTER,
  RANGE_PARAMETERS_IMPORTER,
} from './representation.importers';
import { REPRESENTATION_INDICATORS } from './representation.indicators';
import {
  MemberStateRepresentationResolver,
  RepresentationQueryResolver,
} from './representation.resolver';

/**
 * Geographical representation (system of desirable ranges): the parameters and member-state
 * inputs are this dataset's; the staff counts come from the staffing data at query time.
 */
export const REPRESENTATION = defineDatasetModule({
  name: 'representation',
  description:
    'Desirable-range parameters and member-state inputs (scale of assessments, population) per year; ' +
    'ranges and statuses are computed from them and the staffing data.',
  entities: [RangeParameters, MemberStateInput],
  // Staff by nationality, as the Secretary-General's composition reports publish them.
  facts: [RANGE_STAFF],
  resolvers: [MemberStateRepresentationResolver, RepresentationQueryResolver],
  importers: [RANGE_PARAMETERS_IMPORTER, MEMBER_STATE_INPUTS_IMPORTER],
  generator: REPRESENTATION_GENERATOR,
  sdmx: REPRESENTATION_SDMX,
  indicators: REPRESENTATION_INDICATORS,
});
