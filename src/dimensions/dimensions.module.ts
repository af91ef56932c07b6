import { defineDatasetModule } from '../shared/modules';
import { DutyStation } from './duty-station/duty-station.entity';
import { SecretariatEntity } from './entity/secretariat-entity.entity';
import { Grade } from './grade/grade.entity';
import { MemberState } from './member-state/member-state.entity';
import { DIMENSIONS_GENERATOR } from './dimensions.generator';
import {
  DUTY_STATIONS_IMPORTER,
  ENTITIES_IMPORTER,
  GRADES_IMPORTER,
  MEMBER_STATES_IMPORTER,
} from './dimensions.importers';
import {
  DutyStationResolver,
  EntityResolver,
  GradeResolver,
  MemberStateResolver,
} from './dimensions.resolver';
import {
  DUTY_STATION_REFERENCE,
  ENTITY_REFERENCE,
  GRADE_REFERENCE,
  MEMBER_STATE_REFERENCE,
} from './references';

/** The shared dimensions every dataset refers to: reference data, real, not generated. */
export const DIMENSIONS = defineDatasetModule({
  name: 'dimensions',
  description:
    'Shared reference dimensions: Secretariat entities, duty stations, member states and grades.',
  entities: [SecretariatEntity, DutyStation, MemberState, Grade],
  resolvers: [EntityResolver, DutyStationResolver, MemberStateResolver, GradeResolver],
  // Dimensions first: facts refer to them.
  importers: [ENTITIES_IMPORTER, DUTY_STATIONS_IMPORTER, MEMBER_STATES_IMPORTER, GRADES_IMPORTER],
  generator: DIMENSIONS_GENERATOR,
  // What other services' types point at: an office, a position, a country profile.
  federationKeys: [
    ENTITY_REFERENCE,
    MEMBER_STATE_REFERENCE,
    DUTY_STATION_REFERENCE,
    GRADE_REFERENCE,
  ],
});
