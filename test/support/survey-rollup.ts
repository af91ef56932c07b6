import type { DataSource } from 'typeorm';
import { ENGAGEMENT } from '../../src/datasets/engagement';
import { dialectOf } from '../../src/db/dialect';
import { plainColumnOf } from '../../src/db/entity-tables';
import { groupingSet } from '../../src/shared/aggregation';
import type { FactDefinition } from '../../src/shared/facts';

/**
 * Where the attacks read the survey's true small counts (no role sees them): the grouping set of
 * `eng_rollup` and its columns for survey dimensions, derived from the survey's declaration.
 */
export function surveyRollupGrouping(
  dataSource: DataSource,
  groupBy: readonly string[],
): { mask: number; columns: string[] } {
  const fact: FactDefinition = ENGAGEMENT;
  const dialect = dialectOf(dataSource);
  const columns = groupBy.map((key) => {
    const column = plainColumnOf(fact.dimensions[key].sql(dialect));
    if (!column) throw new Error(`${key} is not a plain column of the survey's rollup`);
    return column;
  });
  return { mask: groupingSet(fact, { groupBy, where: [], entityScope: null }), columns };
}
