import type { ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { Dialect } from '../../db/dialect';

export type DimensionValue = string | number | boolean;

/** How a dimension's values are typed: in SQL results, in filters and in the GraphQL cell. */
export type DimensionType =
  | { kind: 'string' }
  | { kind: 'int' }
  | { kind: 'boolean' }
  /** A type-graphql enum (registered with `registerEnumType`); its values are what SQL returns. */
  | { kind: 'enum'; values: Readonly<Record<string, string>> };

export interface JoinDefinition {
  table: string;
  alias: string;
  /** Join condition over the fact alias `f` and this alias. */
  on: string;
}

/** A dimension whose values are keys of a dimension object (Entity, DutyStation, MemberState). */
export interface DimensionLink {
  /** Cell field that resolves to the object, e.g. `entity`. */
  field: string;
  /** The TypeORM entity that is also the GraphQL object type. */
  target: () => ClassType<ObjectLiteral>;
  /** Property of the object the dimension value matches, e.g. `code`. */
  key: string;
  /** How to name one such object in descriptions: "entity", "duty station". */
  noun: string;
}

export interface DimensionDefinition {
  /** Property of the returned cell that carries the value, e.g. `entityCode`. */
  field: string;
  description: string;
  /** SQL expression over the fact alias `f` (and the join's alias). */
  sql: (dialect: Dialect) => string;
  type: DimensionType;
  join?: JoinDefinition;
  /** Name of the filter argument (`entityCodes`; a single `geographical` for booleans); null: not filterable. */
  filter: string | null;
  /** Inclusive range filters on an ordered dimension (the period): `yearFrom`, `yearTo`. */
  range?: { from: string; to: string };
  link?: DimensionLink;
}

export interface MeasureDefinition {
  type: 'int' | 'float';
  description: string;
  /** Computes the measure from the raw SQL aggregates of one cell; null when undefined (0/0). */
  compute: (aggregates: Readonly<Record<string, number>>) => number | null;
}

/**
 * A fact table declared once: which dimensions may be grouped and filtered (and how they join
 * the shared dimensions), which SQL aggregates are computed, and the measures derived from them.
 * The aggregation engine runs it; `fact-graph.ts` derives its GraphQL enum, filter input, cell
 * type, root field, nested fields and cell links from it.
 *
 * `kind` carries the stock/flow rule: a stock (headcount at 31 December) is never summed across
 * periods, so every cell of a stock must lie in exactly one period; a flow (recruitments) may be.
 */
export interface FactDefinition<D extends string = string, M extends string = string> {
  /** Root query field and name in messages, e.g. `workforce`. */
  name: string;
  /** Prefix of the derived GraphQL types: `Workforce` gives WorkforceCell, WorkforceFilter, WorkforceDimension. */
  typeName: string;
  description: string;
  table: string;
  kind: 'stock' | 'flow';
  /** The dimension that holds the period (YEAR), and the shortcut argument for it (`year`). */
  period: NoInfer<D>;
  periodArgument: string;
  /** The dimension holding Secretariat entity codes, for token scopes; none if not attributed. */
  entityDimension?: NoInfer<D>;
  dimensions: Readonly<Record<D, DimensionDefinition>>;
  /** Raw aggregates, alias → SQL (over alias `f`). Must include `unitCount`. */
  aggregates: Readonly<Record<string, (dialect: Dialect) => string>>;
  measures: Readonly<Record<M, MeasureDefinition>>;
  /** Alias of the aggregate that counts contributing units (people, job openings). */
  unitCount: string;
  /** Disclosure control: cells with fewer units than this (but more than zero) are suppressed. */
  minCellSize: number;
  /**
   * Figures the Organization publishes itself (staff by nationality for the desirable ranges):
   * exact, and computed over all entities whatever the caller's scope.
   */
  published?: boolean;
  /** Condition every counted row meets (e.g. only completed recruitments), if any. */
  baseWhere?: (dialect: Dialect) => string;
  /** Linked dimensions whose object gets a nested field named after the fact (`Entity.workforce`). */
  nestedUnder?: readonly NoInfer<D>[];
}

/** Checks a fact's internal references once, where it is declared. */
export function defineFact<D extends string, M extends string>(
  fact: FactDefinition<D, M>,
): FactDefinition<D, M> {
  const problems: string[] = [];
  if (!(fact.period in fact.dimensions)) problems.push(`period ${fact.period} is not a dimension`);
  if (fact.entityDimension && !(fact.entityDimension in fact.dimensions))
    problems.push(`entityDimension ${fact.entityDimension} is not a dimension`);
  if (!(fact.unitCount in fact.aggregates))
    problems.push(`unitCount ${fact.unitCount} is not an aggregate`);
  for (const key of fact.nestedUnder ?? [])
    if (!fact.dimensions[key]?.link) problems.push(`nestedUnder ${key} has no link`);
  const dimensions = Object.values<DimensionDefinition>(fact.dimensions);
  const fields = [
    ...dimensions.map((d) => d.field),
    ...dimensions.flatMap((d) => (d.link ? [d.link.field] : [])),
    ...Object.keys(fact.measures),
    'suppressed',
    'suppressionReason',
  ];
  const duplicate = fields.find((field, i) => fields.indexOf(field) !== i);
  if (duplicate) problems.push(`cell field ${duplicate} is declared twice`);
  if (problems.length > 0) throw new Error(`fact ${fact.name}: ${problems.join('; ')}`);
  return fact;
}

export type ConditionOperator = 'in' | 'gte' | 'lte';

export interface Condition<D extends string = string> {
  dimension: D;
  op: ConditionOperator;
  values: readonly DimensionValue[];
}

export interface AggregateRequest<D extends string = string> {
  groupBy: readonly D[];
  where: readonly Condition<D>[];
}

/** What the engine runs: a request plus what the caller's access adds to it. */
export interface AggregateQuery<D extends string = string> extends AggregateRequest<D> {
  /** Entity codes the caller may see; null for no restriction. */
  entityScope: readonly string[] | null;
  /** Refuse results with more cells than this (a hostile or careless groupBy). */
  maxCells?: number;
}

/** One output row: the grouped dimension values, the measures and the disclosure flags. */
export interface AggregateCell<M extends string = string> {
  dimensions: Record<string, DimensionValue | null>;
  measures: Record<M, number | null>;
  /** Units behind the cell (people, job openings), before suppression. */
  units: number;
  suppressed: boolean;
  suppressionReason: string | null;
}

/** A cell as GraphQL returns it: dimension fields and measures side by side. */
export type FlatCell = Readonly<Record<string, DimensionValue | null>>;

/** The fact's dimensions as typed [key, definition] pairs (Object.entries widens keys to string). */
export function dimensionEntries<D extends string>(
  fact: FactDefinition<D>,
): [D, DimensionDefinition][] {
  return Object.entries(fact.dimensions) as [D, DimensionDefinition][];
}
