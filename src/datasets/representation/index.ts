/**
 * The representation dataset's public interface. The staffing generator uses the desirable-range
 * rules to calibrate its synthetic geographical posts to paragraph 3 of the report.
 */
export { REPRESENTATION } from './representation.module';
export {
  DEFAULT_DESIRABLE_RANGE_PARAMETERS,
  computeDesirableRanges,
  type DesirableRangeInput,
  type DesirableRangeParameters,
} from './desirable-range';
export { calibrateGeographicalPosts, type CalibrationYear } from './representation.calibration';
