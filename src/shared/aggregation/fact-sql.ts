import type { Dialect } from '../../db/dialect';
import type { CountDefinition, FactDefinition } from './aggregate.definition';

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
  // Over a rollup the magnitude is pre-aggregated too, so its count's condition does not apply.
  const of = fact.counts[magnitude.of];
  const where = of.sum ? undefined : of.where?.(dialect);
  const value = magnitude.sql(dialect);
  return where ? `SUM(CASE WHEN ${where} THEN ${value} ELSE 0 END)` : `SUM(${value})`;
}
