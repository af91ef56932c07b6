import { referenceTo } from '../shared/import';
import { DutyStation } from './duty-station/duty-station.entity';
import { SecretariatEntity } from './entity/secretariat-entity.entity';
import { Grade } from './grade/grade.entity';
import { MemberState } from './member-state/member-state.entity';

/** The shared dimensions other services reference by key (federation). */
export const ENTITY_REFERENCE = referenceTo(SecretariatEntity, 'code');
export const DUTY_STATION_REFERENCE = referenceTo(DutyStation, 'code');
export const GRADE_REFERENCE = referenceTo(Grade, 'code');
export const MEMBER_STATE_REFERENCE = referenceTo(MemberState, 'iso3');
