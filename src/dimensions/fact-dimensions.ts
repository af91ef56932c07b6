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
import type {
  DimensionDefinition,
  DimensionLink,
  DimensionType,
  JoinDefinition,
} from '../shared/facts';
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

/** A shared dimension's key as a fact holds it (ENTITY): its cell field, filter and link. */
interface KeySpec<E> {
  field: string;
  description: string;
  filter: string;
  link: Omit<DimensionLink, 'target' | 'key'> & { key: ColumnKey<E> };
}

/** An attribute of the dimension table, reached through the key (ENTITY_KIND). */
interface AttributeSpec<E> {
  column: ColumnKey<E>;
  field: string;
  description: string;
  filter: string;
  type?: DimensionType;
}

/**
 * A shared dimension, declared once: its table, the key's name and options, and its attributes.
 * A fact calls the result with the column that holds the key (`entityDimensions(f.entityCode)`)
 * and gets the key dimension, linked to the dimension object, and each attribute reached through
 * the join, a coarser grouping of the key (its parent, for disclosure control).
 */
function sharedDimension<E extends ObjectLiteral, K extends string, A extends string>(
  target: ClassType<E>,
  keyName: K,
  keySpec: KeySpec<E>,
  attributes: Record<A, AttributeSpec<E>>,
): (column: string) => Record<K | A, DimensionDefinition> {
  return (column) => {
    const { join, columns } = joinOn(target, keySpec.link.key, column);
    const dimensions: Partial<Record<K | A, DimensionDefinition>> = {};
    dimensions[keyName] = {
      ...keySpec,
      type: STRING,
      sql: () => column,
      hierarchy: { family: join.alias, key: true },
      link: { ...keySpec.link, target: () => target },
    };
    for (const name of Object.keys(attributes) as A[]) {
      // Object.keys of a Record<A, ...> declared literally: exactly its keys A.
      const { column: property, type, ...options } = attributes[name];
      dimensions[name] = {
        ...options,
        type: type ?? STRING,
        join,
        sql: () => columns[property],
        hierarchy: { family: join.alias, key: false },
      };
    }
    // Every key of K | A was set just above (the key, then each attribute).
    return dimensions as Record<K | A, DimensionDefinition>;
  };
}

export const entityDimensions = sharedDimension(
  SecretariatEntity,
  'ENTITY',
  {
    field: 'entityCode',
    description: 'Entity code',
    filter: 'entityCodes',
    link: {
      field: 'entity',
      key: 'code',
      noun: 'entity',
      list: { field: 'entities', label: 'name' },
    },
  },
  {
    ENTITY_KIND: {
      column: 'kind',
      field: 'entityKind',
      description: 'Kind of entity',
      type: enumType(EntityKind),
      filter: 'entityKinds',
    },
  },
);

export const dutyStationDimensions = sharedDimension(
  DutyStation,
  'DUTY_STATION',
  {
    field: 'dutyStationCode',
    description: 'Duty station code',
    filter: 'dutyStationCodes',
    link: {
      field: 'dutyStation',
      key: 'code',
      noun: 'duty station',
      list: { field: 'dutyStations', label: 'name' },
    },
  },
  {
    DUTY_STATION_COUNTRY: {
      column: 'countryIso3',
      field: 'dutyStationCountry',
      description: 'ISO3 code of the duty station country',
      filter: 'dutyStationCountries',
    },
    HARDSHIP_CLASS: {
      column: 'hardshipClass',
      field: 'hardshipClass',
      description: 'Hardship class of the duty station',
      type: enumType(HardshipClass),
      filter: 'hardshipClasses',
    },
  },
);

export const gradeDimensions = sharedDimension(
  Grade,
  'GRADE',
  {
    field: 'gradeCode',
    description: 'Grade code',
    filter: 'gradeCodes',
    link: { field: 'grade', key: 'code', noun: 'grade', list: { field: 'grades', label: 'code' } },
  },
  {
    GRADE_CATEGORY: {
      column: 'category',
      field: 'gradeCategory',
      description: 'Category of the grade',
      type: enumType(GradeCategory),
      filter: 'gradeCategories',
    },
  },
);

export const nationalityDimensions = sharedDimension(
  MemberState,
  'NATIONALITY',
  {
    field: 'nationality',
    description: 'ISO3 code of nationality',
    filter: 'nationalities',
    link: {
      field: 'nationalityState',
      key: 'iso3',
      noun: 'member state (by nationality)',
      list: { field: 'memberStates', label: 'name' },
    },
  },
  {
    NATIONALITY_REGION: {
      column: 'region',
      field: 'nationalityRegion',
      description: 'Region (UN M49) of the nationality',
      filter: 'nationalityRegions',
    },
  },
);
