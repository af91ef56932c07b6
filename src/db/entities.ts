import { DutyStation } from '../dimensions/duty-station/duty-station.entity';
import { SecretariatEntity } from '../dimensions/entity/secretariat-entity.entity';
import { Grade } from '../dimensions/grade/grade.entity';
import { MemberState } from '../dimensions/member-state/member-state.entity';
import { IndicatorObservation } from '../datasets/indicators/indicator-observation.entity';
import { Indicator } from '../datasets/indicators/indicator.entity';
import { MemberStateInput } from '../datasets/representation/member-state-input.entity';
import { RangeParameters } from '../datasets/representation/range-parameters.entity';
import { JobOpening } from '../datasets/staffing/job-opening.entity';
import { StaffYear } from '../datasets/staffing/staff-year.entity';

/** Every table the application owns; migrations must agree with these (test/db/migrations.test.ts). */
export const ENTITIES = [
  SecretariatEntity,
  DutyStation,
  MemberState,
  Grade,
  StaffYear,
  JobOpening,
  Indicator,
  IndicatorObservation,
  MemberStateInput,
  RangeParameters,
];
