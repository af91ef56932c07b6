/**
 * The staffing dataset's public interface: what other slices may import. The representation
 * slice reads the staff-years (its fact is declared on StaffYear) and applies the desirable-range
 * rules, which live here because the staffing generator calibrates its synthetic geographical
 * posts with them (paragraph 3 of the report): so representation depends on staffing, and not
 * the other way round.
 */
export { Gender, StaffYear } from './staff-year.entity';
export { STAFFING } from './staffing.module';
export { WORKFORCE } from './workforce.fact';
export { RECRUITMENT } from './recruitment.fact';
export {
  computeDesirableRanges,
  midpointPosition,
  representationStatus,
  type DesirableRange,
  type RepresentationStatus,
} from './desirable-range';
