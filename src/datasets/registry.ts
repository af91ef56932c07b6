import type { NonEmptyArray } from 'type-graphql';
import {
  DutyStationResolver,
  EntityResolver,
  GradeResolver,
  MemberStateResolver,
} from '../dimensions/dimensions.resolver';
import { IndicatorResolver, ObservationResolver } from './indicators/indicators.resolver';
import {
  MemberStateRepresentationResolver,
  RepresentationQueryResolver,
} from './representation/representation.resolver';
import { RecruitmentCellLinks, WorkforceCellLinks } from './staffing/cell-links.resolver';
import { JobOpeningResolver, StaffYearResolver } from './staffing/staffing-rows.resolver';
import {
  DutyStationStaffingResolver,
  EntityStaffingResolver,
  MemberStateStaffingResolver,
  StaffingQueryResolver,
} from './staffing/staffing.resolver';

/** Every resolver class of every slice; a new dataset adds its own here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver list type
export const RESOLVERS: NonEmptyArray<Function> = [
  EntityResolver,
  DutyStationResolver,
  MemberStateResolver,
  GradeResolver,
  StaffingQueryResolver,
  EntityStaffingResolver,
  DutyStationStaffingResolver,
  MemberStateStaffingResolver,
  StaffYearResolver,
  JobOpeningResolver,
  WorkforceCellLinks,
  RecruitmentCellLinks,
  IndicatorResolver,
  ObservationResolver,
  MemberStateRepresentationResolver,
  RepresentationQueryResolver,
];
