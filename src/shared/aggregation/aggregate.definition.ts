import type { Dialect } from '../../db/dialect';

export type DimensionValueType = 'string' | 'int' | 'boolean';

export interface JoinDefinition {
  table: string;
  alias: string;
  /** Join condition over the fact alias `f` and this alias. */
  on: string;
}

export interface DimensionDefinition {
  /** Property of the returned cell that carries the value, e.g. `entityCode`. */
  field: string;
  /** SQL expression over the fact alias `f` (and the join's alias). */
  sql: (dialect: Dialect) => string;
  type: DimensionValueType;
  join?: JoinDefinition;
}

export interface MeasureDefinition {
  description: string;
  /** Computes the measure from the raw SQL aggregates of one cell; null when undefined (0/0). */
  compute: (aggregates: Readonly<Record<string, number>>) => number | null;
}

/**
 * A fact table declared for the aggregation engine: which dimensions may be grouped and filtered,
 * which SQL aggregates are computed, and the measures derived from them.
 *
 * `kind` carries the stock/flow rule: a stock (headcount at 31 December) is never summed across
 * periods, so every cell of a stock must lie in exactly one period; a flow (recruitments) may be.
 */
export interface FactDefinition<D extends string = string> {
  name: string;
  table: string;
  kind: 'stock' | 'flow';
  /** The dimension that holds the period (YEAR). */
  periodDimension: D;
  dimensions: Readonly<Record<D, DimensionDefinition>>;
  /** Raw aggregates, alias → SQL (over alias `f`). Must include `unitCount`. */
  aggregates: Readonly<Record<string, (dialect: Dialect) => string>>;
  measures: Readonly<Record<string, MeasureDefinition>>;
  /** Alias of the aggregate that counts contributing units (people, job openings). */
  unitCount: string;
  /** Disclosure control: cells with fewer units than this (but more than zero) are suppressed. */
  minCellSize: number;
  /** Column that attributes a row to a Secretariat entity, for token scopes. */
  entityColumn: string;
  /** Condition every counted row meets (e.g. only completed recruitments), if any. */
  baseWhere?: (dialect: Dialect) => string;
}

export type ConditionOperator = 'in' | 'gte' | 'lte';

export interface Condition<D extends string = string> {
  dimension: D;
  op: ConditionOperator;
  values: readonly (string | number | boolean)[];
}

export interface AggregateRequest<D extends string = string> {
  groupBy: readonly D[];
  where: readonly Condition<D>[];
  /** Entity codes the caller may see; null for no restriction. */
  entityScope: readonly string[] | null;
  /** Refuse results with more cells than this (a hostile or careless groupBy). */
  maxCells?: number;
}

/** One flat output row: the grouped dimension values, the measures and the disclosure flags. */
export interface AggregateCell {
  dimensions: Record<string, string | number | boolean | null>;
  measures: Record<string, number | null>;
  /** Units behind the cell (people, job openings), before suppression. */
  units: number;
  suppressed: boolean;
  suppressionReason: string | null;
}
