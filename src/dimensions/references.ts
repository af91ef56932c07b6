import { referenceTo } from '../shared/import';
import { DutyStation } from './duty-station/duty-station.entity';
import { SecretariatEntity } from './entity/secretariat-entity.entity';
import { Grade } from './grade/grade.entity';
import { MemberState } from './member-state/member-state.entity';

/** What an importer's column declares when its values are codes of a shared dimension. */
export const ENTITY_REFERENCE = referenceTo(SecretariatEntity, 'code', 'entity');
export const DUTY_STATION_REFERENCE = referenceTo(DutyStation, 'code', 'duty station');
export const GRADE_REFERENCE = referenceTo(Grade, 'code', 'grade');
export const MEMBER_STATE_REFERENCE = referenceTo(MemberState, 'iso3', 'member state');
