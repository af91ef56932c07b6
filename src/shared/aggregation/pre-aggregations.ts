import type { DataSource } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import { BadUserInputError } from '../errors';
import type { Condition, FactDefinition } from '../facts';
import { factTableSource, type FactSource } from './fact-sql';
import { pickSummary } from './summaries';

/**
 * The one place a request's source is chosen: a fact's pre-aggregation when one can answer it
 * (`FactDefinition.preAggregations`), its rows otherwise. Both kinds answer exactly what the
 * rows would: counts and record-key sums add up, so cell-key perturbation gives the same numbers.
 */

/** What decides the source: the dimensions a request groups and filters by, and its scope. */
interface RequestShape<D extends string> {
  groupBy: readonly D[];
  where: readonly Condition<D>[];
  entityScope: readonly string[] | null;
}

/**
 * Where a request reads: for a fact pre-aggregated by grouping sets, the one set it needs (or a
 * refusal saying what may be combined); for a fact with summaries, the first ready summary that
 * covers it; else the fact's rows.
 */
export function preAggregationSource<D extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D>,
  shape: RequestShape<D>,
  dialect: Dialect,
): FactSource {
  const pre = fact.preAggregations;
  if (pre && 'groupingSets' in pre)
    return {
      ...factTableSource(fact, dialect),
      where: {
        sql: `f.${pre.groupingSets.column} = :groupingSet`,
        parameters: { groupingSet: groupingSet(fact, shape) },
      },
    };
  return (
    pickSummary(dataSource, fact, dimensionsNeeded(fact, shape), dialect) ??
    factTableSource(fact, dialect)
  );
}

/** The dimensions a request groups and filters by, and the entity's for a scoped caller. */
function dimensionsNeeded<D extends string>(
  fact: FactDefinition<D>,
  shape: RequestShape<D>,
): Set<D> {
  // A scoped caller's query is filtered on the entity, so it needs the entity too.
  const scoped = shape.entityScope && fact.entityDimension ? [fact.entityDimension] : [];
  return new Set([...shape.groupBy, ...shape.where.map((c) => c.dimension), ...scoped]);
}

/**
 * The grouping set a request needs: the members of every dimension it groups or filters by (the
 * entity's, for a scoped caller). Refused when that set is not materialized.
 */
export function groupingSet<D extends string>(
  fact: FactDefinition<D>,
  shape: RequestShape<D>,
): number {
  const pre = fact.preAggregations;
  if (!pre || !('groupingSets' in pre))
    throw new Error(`${fact.name} is not pre-aggregated by grouping sets`);
  const sets = pre.groupingSets;
  let mask = 0;
  for (const key of dimensionsNeeded(fact, shape)) {
    for (const member of fact.dimensions[key].groupingSetMembers ?? []) {
      const bit = sets.members.indexOf(member);
      if (bit < 0) throw new Error(`${fact.name}: unknown grouping-set member ${member}`);
      mask |= 1 << bit;
    }
  }
  if (!sets.materialized(mask))
    throw new BadUserInputError(`${fact.name} cannot combine these dimensions: ${sets.limit}`);
  return mask;
}
