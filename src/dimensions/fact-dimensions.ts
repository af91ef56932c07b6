import type { ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { Dialect } from '../db/dialect';
import {
  columnsOf,
  plainColumnOf,
  tableOf,
  type ColumnKey,
  type Columns,
} from '../db/entity-tables';
import type { DimensionDefinition, DimensionType, JoinDefinition } from '../shared/facts';
import { DutyStation, HardshipClass } from './duty-station/duty-station.entity';
import { EntityKind, SecretariatEntity } from './entity/secretariat-entity.entity';
import { Grade, GradeCategory } from './grade/grade.entity';
import { MemberState } from './member-state/member-state.entity';

/**
 * The shared dimensions as facts use them, each declared once with its join: a fact names the
 * column that holds the key (`entityDimensions(f.entityCode)`, `f = columnsOf(Fact)`) and gets
 * the key dimension,
 * the attributes reached through the dimension table, the filter names and the link to the
 * dimension object. Join aliases are derived from the column, so a fact may refer to the same
 * dimension twice.
 */

export const STRING: DimensionType = { kind: 'string' };
export const INT: DimensionType = { kind: 'int' };
export const BOOLEAN: DimensionType = { kind: 'boolean' };
export const enumType = (values: Readonly<Record<string, string>>): DimensionType => ({
  kind: 'enum',
  values,
});

/** The fact's column (`f.entity_code`, from `columnsOf`) as a bare name. */
function factColumn(sql: string): string {
  const name = plainColumnOf(sql);
  if (!name) throw new Error(`${sql} is not a column of the fact (f.<column>)`);
  return name;
}

/** The join of a dimension table on its key, aliased after the fact's column. */
function joinOn<E extends ObjectLiteral>(
  target: ClassType<E>,
  key: ColumnKey<E>,
  column: string,
): { join: JoinDefinition; columns: Columns<E> } {
  const alias = `j_${factColumn(column)}`;
  const columns = columnsOf(target, alias);
  return { join: { table: tableOf(target), alias, on: `${columns[key]} = ${column}` }, columns };
}

/** A plain column of the fact table. */
export function column(
  sql: string,
  options: Omit<DimensionDefinition, 'sql' | 'type'> & { type?: DimensionType },
): DimensionDefinition {
  return { type: STRING, ...options, sql: () => sql };
}

/** The period: a year, with `years`, `yearFrom` and `yearTo` filters. */
export function yearDimension(sql: (dialect: Dialect) => string, description: string) {
  return {
    YEAR: {
      field: 'year',
      description,
      sql,
      type: INT,
      filter: 'years',
      range: { from: 'yearFrom', to: 'yearTo' },
    },
  } satisfies Record<string, DimensionDefinition>;
}

/**
 * The period as the calendar year of a DATE column (`f.selected_on`): grouped by its year, and
 * filtered by date ranges on the column itself, which its index can serve (a filter on
 * `YEAR(column)` would read every row).
 */
export function yearOfDateDimension(dateColumn: string, description: string) {
  const { YEAR } = yearDimension((d) => d.yearOf(dateColumn), description);
  return { YEAR: { ...YEAR, dateColumn } } satisfies Record<string, DimensionDefinition>;
}

/** The fact's own column holding a dimension key, the key of the join's family. */
function key(
  join: JoinDefinition,
  column: string,
  options: Omit<DimensionDefinition, 'sql' | 'type' | 'join'>,
): DimensionDefinition {
  return {
    ...options,
    type: STRING,
    sql: () => column,
    hierarchy: { family: join.alias, key: true },
  };
}

/**
 * An attribute of the dimension table (its column over the join's alias), reached through the
 * join: a coarser grouping of the key.
 */
function attribute(
  join: JoinDefinition,
  column: string,
  options: Omit<DimensionDefinition, 'sql' | 'join' | 'type'> & { type?: DimensionType },
): DimensionDefinition {
  return {
    type: STRING,
    ...options,
    join,
    sql: () => column,
    hierarchy: { family: join.alias, key: false },
  };
}

export function entityDimensions(column: string) {
  const { join, columns } = joinOn(SecretariatEntity, 'code', column);
  return {
    ENTITY: key(join, column, {
      field: 'entityCode',
      description: 'Entity code',
      filter: 'entityCodes',
      link: {
        field: 'entity',
        target: () => SecretariatEntity,
        key: 'code',
        noun: 'entity',
        list: { field: 'entities', label: 'name' },
      },
    }),
    ENTITY_KIND: attribute(join, columns.kind, {
      field: 'entityKind',
      description: 'Kind of entity',
      type: enumType(EntityKind),
      filter: 'entityKinds',
    }),
  };
}

export function dutyStationDimensions(column: string) {
  const { join, columns } = joinOn(DutyStation, 'code', column);
  return {
    DUTY_STATION: key(join, column, {
      field: 'dutyStationCode',
      description: 'Duty station code',
      filter: 'dutyStationCodes',
      link: {
        field: 'dutyStation',
        target: () => DutyStation,
        key: 'code',
        noun: 'duty station',
        list: { field: 'dutyStations', label: 'name' },
      },
    }),
    DUTY_STATION_COUNTRY: attribute(join, columns.countryIso3, {
      field: 'dutyStationCountry',
      description: 'ISO3 code of the duty station country',
      filter: 'dutyStationCountries',
    }),
    HARDSHIP_CLASS: attribute(join, columns.hardshipClass, {
      field: 'hardshipClass',
      description: 'Hardship class of the duty station',
      type: enumType(HardshipClass),
      filter: 'hardshipClasses',
    }),
  };
}

export function gradeDimensions(column: string) {
  const { join, columns } = joinOn(Grade, 'code', column);
  return {
    GRADE: key(join, column, {
      field: 'gradeCode',
      description: 'Grade code',
      filter: 'gradeCodes',
      link: {
        field: 'grade',
        target: () => Grade,
        key: 'code',
        noun: 'grade',
        list: { field: 'grades', label: 'code' },
      },
    }),
    GRADE_CATEGORY: attribute(join, columns.category, {
      field: 'gradeCategory',
      description: 'Category of the grade',
      type: enumType(GradeCategory),
      filter: 'gradeCategories',
    }),
  };
}

export function nationalityDimensions(column: string) {
  const { join, columns } = joinOn(MemberState, 'iso3', column);
  return {
    NATIONALITY: key(join, column, {
      field: 'nationality',
      description: 'ISO3 code of nationality',
      filter: 'nationalities',
      link: {
        field: 'nationalityState',
        target: () => MemberState,
        key: 'iso3',
        noun: 'member state (by nationality)',
        list: { field: 'memberStates', label: 'name' },
      },
    }),
    NATIONALITY_REGION: attribute(join, columns.region, {
      field: 'nationalityRegion',
      description: 'Region (UN M49) of the nationality',
      filter: 'nationalityRegions',
    }),
  };
}
