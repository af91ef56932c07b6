import type { Dialect } from '../../db/dialect';
import type { CountDefinition, DimensionDefinition, FactDefinition } from '../facts';

/**
 * The SQL of a fact's aggregates over alias `f`, shared by the aggregate query and the summary
 * tables built from the same declaration.
 */

/** SQL of a count and of the sum of its units' record keys. */
export function countSql(count: CountDefinition, dialect: Dialect): [string, string] {
  if (count.sum) {
    if (!count.keySum) throw new Error('a pre-aggregated count needs its keySum');
    return [`SUM(${count.sum(dialect)})`, `SUM(${count.keySum(dialect)})`];
  }
  const where = count.where?.(dialect);
  return where
    ? [
        `SUM(CASE WHEN ${where} THEN 1 ELSE 0 END)`,
        `SUM(CASE WHEN ${where} THEN f.record_key ELSE 0 END)`,
      ]
    : ['COUNT(*)', 'SUM(f.record_key)'];
}

/** SQL of a magnitude: the sum of its units' values, over the units of its count. */
export function magnitudeSql(fact: FactDefinition, name: string, dialect: Dialect): string {
  const magnitude = fact.magnitudes?.[name];
  if (!magnitude) throw new Error(`${fact.name}: unknown magnitude ${name}`);
  // Over grouping sets the magnitude is pre-aggregated too, so its count's condition does not apply.
  const of = fact.counts[magnitude.of];
  const where = of.sum ? undefined : of.where?.(dialect);
  const value = magnitude.sql(dialect);
  return where ? `SUM(CASE WHEN ${where} THEN ${value} ELSE 0 END)` : `SUM(${value})`;
}

/**
 * Where an aggregate reads a fact's rows, as alias `f`: the fact table itself, one of its
 * summary tables (`summaries.ts`), or one grouping set of its table (`pre-aggregations.ts`). Each
 * says how a dimension, a count and a magnitude read there.
 */
export interface FactSource {
  table: string;
  /** The rows of the table that are the source (one grouping set), if not all. */
  where?: { sql: string; parameters: Record<string, unknown> };
  /** A summary holds only rows meeting the base condition, and years as numbers. */
  summarized: boolean;
  /** The dimension's SQL (for a summary: its stored column, or its own SQL over kept columns). */
  dimension(key: string, dimension: DimensionDefinition): string;
  /** SQL of a count and of the sum of its units' record keys. */
  count(name: string): [string, string];
  magnitude(name: string): string;
}

/** The fact table as a source: every aggregate computed from its rows. */
export function factTableSource(fact: FactDefinition, dialect: Dialect): FactSource {
  return {
    table: fact.table,
    summarized: false,
    dimension: (_key, dimension) => dimension.sql(dialect),
    count: (name) => countSql(fact.counts[name], dialect),
    magnitude: (name) => magnitudeSql(fact, name, dialect),
  };
}
