import { defineFact, count } from '../../shared/facts';
import { columnsOf } from '../../db/entity-tables';
import { StaffYear } from '../staffing';

const f = columnsOf(StaffYear);

/**
 * Staff counted for the desirable ranges: in posts subject to geographical distribution, or
 * recruited through the Young Professionals Programme, by nationality. It reads the staffing
 * dataset's table (its entity, from the staffing slice's interface). Counts by nationality are
 * published in the Secretary-General's composition reports, so the fact is declared `published`:
 * exact for every role, and computed over all entities whatever the caller's scope.
 */
export const RANGE_STAFF = defineFact({
  name: 'rangeStaff',
  typeName: 'RangeStaff',
  description: 'Staff counted for the desirable ranges.',
  entity: StaffYear,
  kind: 'stock',
  period: 'YEAR',
  periodArgument: 'year',
  threshold: 1,
  published:
    'Composition of the Secretariat (reports of the Secretary-General): staff in posts subject to geographical distribution, by nationality',
  unitCount: 'staff',
  baseWhere: () => `(${f.geographical} OR ${f.ypp})`,
  dimensions: {
    YEAR: {
      field: 'year',
      description: 'Year',
      type: { kind: 'int' },
      sql: () => f.year,
      filter: 'years',
    },
    NATIONALITY: {
      field: 'nationality',
      description: 'ISO3 code of nationality',
      type: { kind: 'string' },
      sql: () => f.nationalityIso3,
      filter: 'nationalities',
    },
  },
  counts: { staff: {} },
  measures: {
    staffCount: {
      type: 'int',
      description: 'Staff counted for the desirable ranges.',
      compute: count('staff'),
    },
  },
});
