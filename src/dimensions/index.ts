/** The dimensions' public interface: what datasets may import from src/dimensions. */
export { DIMENSIONS } from './dimensions.module';
export { EntityKind, SecretariatEntity } from './entity/secretariat-entity.entity';
export { entityLinkResolver } from './entity/entity-link.resolver';
export { DutyStation } from './duty-station/duty-station.entity';
export { Grade, GradeCategory } from './grade/grade.entity';
export { MemberState } from './member-state/member-state.entity';
export {
  BOOLEAN,
  INT,
  column,
  dutyStationDimensions,
  entityDimensions,
  enumType,
  gradeDimensions,
  nationalityDimensions,
  yearDimension,
  yearOfDateDimension,
} from './fact-dimensions';
export {
  DUTY_STATION_REFERENCE,
  ENTITY_REFERENCE,
  GRADE_REFERENCE,
  MEMBER_STATE_REFERENCE,
} from './references';
