import type { FactDefinition } from '../../shared/aggregation/aggregate.definition';
import { total } from '../../shared/aggregation/measures';

export enum RangeStaffDimension {
  YEAR = 'YEAR',
  NATIONALITY = 'NATIONALITY',
}

/**
 * Staff counted for the desirable ranges: in posts subject to geographical distribution, or
 * recruited through the Young Professionals Programme. Counts by nationality are published in
 * the Secretary-General's composition reports, so cells are not suppressed (minimum size 1).
 */
export const RANGE_STAFF: FactDefinition<RangeStaffDimension> = {
  name: 'rangeStaff',
  table: 'fact_staff_year',
  kind: 'stock',
  periodDimension: RangeStaffDimension.YEAR,
  entityColumn: 'f.entity_code',
  minCellSize: 1,
  unitCount: 'staff',
  baseWhere: () => '(f.geographical OR f.ypp)',
  dimensions: {
    YEAR: { field: 'year', type: 'int', sql: () => 'f.year' },
    NATIONALITY: { field: 'nationality', type: 'string', sql: () => 'f.nationality_iso3' },
  },
  aggregates: { staff: () => 'COUNT(*)' },
  measures: {
    staffCount: { description: 'Staff counted for the desirable ranges.', compute: total('staff') },
  },
};
